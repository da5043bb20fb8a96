"""One helper for each small fact the project needs everywhere: clock, atomic writes, tables, arguments."""
