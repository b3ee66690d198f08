// The poll form: the custom fraction's fields only when that threshold is chosen, "choose at most"
// only for a choose-up-to-N poll; a yearly rating starts with the collective and every member, and the
// collective goes when the kind changes to another.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.js-poll-form");
  if (!form) return;
  const { threshold, kind, subjects } = form.elements;
  const custom = form.querySelector(".js-custom-fraction");
  const maxChoices = form.querySelector(".js-max-choices");
  const thresholdRow = form.querySelector(".js-threshold");
  const confidenceRule = form.querySelector(".js-confidence-rule");
  const show = () => {
    // A confidence vote follows Quy định 96-QĐ/TW: its base and thresholds are not chosen here.
    const confidence = kind.value === "confidence";
    thresholdRow.hidden = confidence;
    confidenceRule.hidden = !confidence;
    custom.hidden = confidence || threshold.value !== "custom";
    maxChoices.hidden = kind.value !== "choose";
  };
  threshold.addEventListener("change", show);
  kind.addEventListener("change", show);
  show();
  kind.addEventListener("change", () => {
    const boxes = [...form.querySelectorAll("input[name=people]")];
    const collective = subjects.dataset.ratingCollective;
    if (kind.value !== "rating") {
      // Only a rating rates the collective: another kind drops the line the rating put there.
      subjects.value = subjects.value
        .split("\n")
        .filter((line) => line.trim() !== collective)
        .join("\n");
      return;
    }
    if (subjects.value.trim() || boxes.some((box) => box.checked)) return;
    subjects.value = collective;
    const members = subjects.dataset.ratingPeople.split(",");
    boxes.forEach((box) => {
      box.checked = members.includes(box.value);
    });
  });
});
