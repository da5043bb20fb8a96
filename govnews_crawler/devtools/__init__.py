"""Tools for development and tests: loopback servers, a fake Internet Archive, generators."""
