// The query page: example buttons fill the textarea; Ctrl+Enter (or Cmd+Enter) runs the query.
document.addEventListener("DOMContentLoaded", function () {
  var area = document.getElementById("query");
  var form = document.getElementById("query-form");
  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      area.value = button.getAttribute("data-query");
      area.focus();
    });
  });
  area.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
});
