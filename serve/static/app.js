// threshold serve: the only script. It hides the override fields until
// "I override it" is chosen; without it every field simply shows.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var fields = document.getElementById("override-fields");
  if (!fields) return;
  var radios = document.querySelectorAll("input[name=choice]");
  function update() {
    var override = document.getElementById("choice-override");
    fields.classList.toggle("hidden", !(override && override.checked));
  }
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener("change", update);
  update();
});
