// The query page: example buttons fill the textarea; the format menu downloads instead of showing a table.
document.addEventListener("DOMContentLoaded", function () {
  var area = document.getElementById("query");
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      area.value = button.getAttribute("data-query");
      area.focus();
    });
  });
});
