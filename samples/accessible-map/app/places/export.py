"""Export non-personal place data as GeoJSON and CSV."""

import csv
import json


def places_geojson(places):
    return json.dumps({
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
                "properties": {"name": p.name, "category": p.category, "ramp": p.has_ramp},
            }
            for p in places
        ],
    })


def places_csv(places, stream):
    writer = csv.writer(stream)
    writer.writerow(["name", "category", "latitude", "longitude", "ramp"])
    for p in places:
        writer.writerow([p.name, p.category, p.latitude, p.longitude, p.has_ramp])
