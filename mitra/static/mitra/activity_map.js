/* The activity map (dashboard/map.html): Leaflet over the server-drawn SVG fallback.
   Data: the JSON in #activity-map-data (json_script). Without tiles the map is drawn on a plain
   background with labels; without JavaScript (or Leaflet) the SVG and the table stay. */
(function () {
  "use strict";
  function init() {
    var container = document.getElementById("activity-map");
    var source = document.getElementById("activity-map-data");
    if (!container || !source || typeof window.L === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var L = window.L;
    container.textContent = "";
    container.dataset.state = "leaflet";
    var map = L.map(container, {
      attributionControl: false,
      zoomSnap: 0.25,
      scrollWheelZoom: false,
    });
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { maxZoom: 12, attribution: data.attribution || "" }).addTo(map);
      L.control.attribution({ prefix: false }).addTo(map);
    }
    // Without tiles, faint dots at every regency's centre draw the archipelago's shape.
    (data.tileUrl ? [] : data.context || []).forEach(function (c) {
      L.circleMarker(c, {
        radius: 2,
        stroke: false,
        fillColor: "#6c757d",
        fillOpacity: 0.5,
        interactive: false,
      }).addTo(map);
    });
    var biggest = 1;
    data.points.forEach(function (p) {
      biggest = Math.max(biggest, p.count);
    });
    var layer = L.featureGroup();
    data.points.forEach(function (p) {
      var radius = 4 + 22 * Math.sqrt(p.count / biggest);
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: radius,
        color: "#0a58ca",
        weight: 1,
        fillColor: "#0d6efd",
        fillOpacity: 0.5,
        className: "activity-map__marker",
      });
      // The name on hover; on the map only the count, as names of neighbouring provinces
      // (Jawa Tengah, DI Yogyakarta) would overlap at the national view. The table has both.
      marker.bindTooltip(p.name + ": " + p.count + " " + data.labels.activities);
      if (data.level === "province") {
        L.tooltip({
          permanent: true,
          direction: "center",
          className: "map-count",
          interactive: false,
        })
          .setLatLng([p.lat, p.lon])
          .setContent(String(p.count))
          .addTo(map);
      }
      marker.addTo(layer);
    });
    layer.addTo(map);
    if (data.points.length && data.tileUrl) {
      map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 8 });
    } else {
      // No tiles: the whole country, so the dots give the markers their place.
      map.fitBounds([[-11, 95], [6, 141]]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
