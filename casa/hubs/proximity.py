"""The nearest Spazio CASA to a place: great-circle distance between points. Pure."""

import math

EARTH_RADIUS_KM = 6371.0088


def distance_km(a, b):
    """Haversine distance between two (latitude, longitude) points in degrees."""
    lat1, lon1 = (math.radians(float(value)) for value in a)
    lat2, lon2 = (math.radians(float(value)) for value in b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def nearest(point, candidates):
    """The (key, distance in km) of the candidate {key: (lat, lon)} nearest to `point`, ties
    broken by key; None without candidates."""
    if point is None or not candidates:
        return None
    return min(((key, distance_km(point, where)) for key, where in candidates.items()),
               key=lambda item: (item[1], item[0]))
