/*
 * Plan tables on a phone: plans.css lays each row out as a card, every cell headed by its
 * column's heading. This copies each column's heading from the table's header row onto the
 * cells of that column (data-label), and states the table's roles explicitly, because some
 * screen readers forget a table's structure once CSS lays it out as blocks. Without
 * JavaScript the tables stay tables, scrolling sideways in their wrapper.
 */
(function () {
  "use strict";

  var ROLES = { THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };

  function role(cell) {
    if (cell.tagName !== "TH") return ROLES[cell.tagName];
    return cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader";
  }

  Array.prototype.forEach.call(document.querySelectorAll(".plan-table-wrapper > table"), function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot, tr"), function (element) {
      element.setAttribute("role", ROLES[element.tagName]);
    });
    Array.prototype.forEach.call(table.querySelectorAll("tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, column) {
        cell.setAttribute("role", role(cell));
        if (row.parentNode.tagName !== "THEAD" && headings[column]) {
          cell.setAttribute("data-label", headings[column]);
        }
      });
    });
    table.classList.add("plan-table--cards");
  });
})();
