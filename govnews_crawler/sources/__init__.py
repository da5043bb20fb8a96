"""Where pages come from besides the live site: the Internet Archive, saved files; page decoding."""
