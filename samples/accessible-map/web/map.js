// The tile server is configurable: OpenStreetMap by default.
const tiles = window.MAP_TILE_URL || "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const map = L.map("map").setView([51.16, 71.47], 12);
L.tileLayer(tiles, { attribution: "© OpenStreetMap contributors" }).addTo(map);
