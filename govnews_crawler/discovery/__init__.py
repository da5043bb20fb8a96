"""Finding the former districts' portals in the Internet Archive, and how much of the country is covered."""
