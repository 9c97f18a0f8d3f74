"""The tenant register: hubs, buildings, units, households, members, ISEE and heating charges."""
