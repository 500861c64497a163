// The page of `slidegen serve`: draws the state the server sends (GET /state, then every
// change as a server-sent event). Slides whose picture address is unchanged keep their <img>,
// so only changed slides are fetched and redrawn.
"use strict";

const $ = (id) => document.getElementById(id);

function text(tag, content, cls) {
  const node = document.createElement(tag);
  node.textContent = content;
  if (cls) node.className = cls;
  return node;
}

function slideNode(slide) {
  const li = document.createElement("li");
  li.className = "slide";
  li.dataset.number = slide.number;
  const picture = document.createElement("div");
  if (slide.image) {
    const img = document.createElement("img");
    img.src = slide.image;
    img.alt = `Slide ${slide.number}: ${slide.title}`;
    picture.appendChild(img);
  } else {
    picture.appendChild(text("div", slide.title || "(no title)", "blank"));
  }
  const side = document.createElement("div");
  const heading = text("h2", "");
  heading.appendChild(text("span", `${slide.number}. `, "slide-number"));
  heading.appendChild(text("span", slide.title || "(no title)", "slide-title"));
  side.appendChild(heading);
  if (slide.findings.length) {
    const list = text("ul", "", "findings");
    for (const f of slide.findings) {
      const shape = f.shape ? ` '${f.shape}'` : "";
      list.appendChild(text("li", `${f.level}${shape}: ${f.rule}: ${f.message} — ${f.hint}`,
                            f.level));
    }
    side.appendChild(list);
  }
  li.append(picture, side);
  li.dataset.key = JSON.stringify(slide);
  return li;
}

function draw(state) {
  document.title = `${state.deck} · slidegen serve`;
  $("deck").textContent = state.deck + (state.kommune ? ` · ${state.kommune}` : "");
  $("status").textContent = state.building ? "building…"
    : `updated ${new Date().toLocaleTimeString("nb-NO")}`;
  $("note").hidden = !state.note;
  $("note").textContent = state.note || "";
  $("download").hidden = !state.pptx;
  $("sheet").hidden = !state.slides.some((s) => s.image);
  const picker = $("kommune");
  $("picker").hidden = !state.kommuner.length;
  if (state.kommuner.length && picker.options.length !== state.kommuner.length) {
    picker.replaceChildren(...state.kommuner.map((k) => text("option", k)));
  }
  if (state.kommune) picker.value = state.kommune;
  const error = state.error;
  $("error").hidden = !error;
  if (error) {
    $("error-where").textContent = error.where || "";
    $("error-line").textContent = error.line || "";
    $("error-line").hidden = !error.line;
    $("error-messages").textContent = error.messages.join("\n");
  }
  $("warnings").replaceChildren(...[...state.warnings, ...(state.file_findings || [])]
    .map((w) => text("li", w)));
  const list = $("slides");
  const old = [...list.children];
  state.slides.forEach((slide, i) => {
    const key = JSON.stringify(slide);
    if (old[i] && old[i].dataset.key === key) return;  // unchanged: left as it is
    const node = slideNode(slide);
    if (old[i]) old[i].replaceWith(node); else list.appendChild(node);
  });
  old.slice(state.slides.length).forEach((node) => node.remove());
}

$("kommune").addEventListener("change", (event) => {
  fetch("/kommune", {method: "POST", body: new URLSearchParams({kommune: event.target.value})});
});

fetch("/state").then((r) => r.json()).then(draw);
const events = new EventSource("/events");
events.addEventListener("state", (event) => draw(JSON.parse(event.data)));
