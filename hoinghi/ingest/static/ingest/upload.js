// The upload's progress bar (the content security policy keeps scripts out of the page): htmx reports the bytes sent.
document.addEventListener("htmx:xhr:progress", (event) => {
  const bar = event.target.querySelector(".js-upload-progress");
  if (!bar || !event.detail.lengthComputable) return;
  bar.hidden = false;
  bar.value = Math.round((100 * event.detail.loaded) / event.detail.total);
});
