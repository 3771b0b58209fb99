/// The studio's one page: HTML with its CSS and script inline, no outside resources, so it
/// works offline. The script calls the JSON API and redraws from each answer (see
/// Docs/Studio.md); every text from the server is set as text, never parsed as HTML, except
/// the diagram, an SVG document the server's ``PMMCTeaching/SVGRenderer`` wrote.
enum StudioPage {
    static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>pmmc studio</title>
    <style>
    body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f4f5f8; }
    header { background: #1d2a44; color: #fff; padding: 8px 16px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
    header h1 { font-size: 17px; margin: 0; font-weight: 600; }
    header select, header input, header button { font: inherit; }
    select { max-width: 100%; }
    .controls label { display: flex; gap: 6px; align-items: center; flex: 1; min-width: 0; }
    #branch { flex: 1; min-width: 0; }
    #cluster-form { display: none; gap: 6px; align-items: center; }
    #cluster-form.shown { display: flex; }
    #cluster-form input { width: 3em; }
    main { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(320px, 1.3fr) minmax(320px, 1.6fr); gap: 12px; padding: 12px; }
    section { background: #fff; border: 1px solid #d6dae3; border-radius: 6px; padding: 10px 12px; min-width: 0; }
    h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: #5a6478; margin: 0 0 8px; }
    #lesson { color: #3b4456; margin: 0 0 8px; }
    #error { display: none; background: #fde8e8; color: #8a1c1c; border: 1px solid #f1b5b5; padding: 6px 10px; margin: 12px 12px 0; border-radius: 4px; }
    #error.shown { display: block; }
    ol#steps { margin: 0; padding-left: 1.8em; max-height: 320px; overflow: auto; }
    ol#steps li { padding: 2px 4px; border-radius: 3px; cursor: pointer; color: #8a93a6; }
    ol#steps li.done { color: #1d2330; }
    ol#steps li.current { background: #e4ecff; font-weight: 600; }
    ol#steps li.yours::after { content: " (yours)"; color: #7a5b00; font-weight: normal; }
    .controls { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; margin: 8px 0; }
    button { font: inherit; border: 1px solid #aab3c5; background: #fff; border-radius: 4px; padding: 2px 9px; cursor: pointer; }
    button:hover { background: #eef2fa; }
    button:disabled { opacity: .45; cursor: default; }
    ul.pending { list-style: none; margin: 0; padding: 0; max-height: 360px; overflow: auto; }
    ul.pending li { display: flex; gap: 6px; align-items: baseline; padding: 3px 0; border-bottom: 1px dotted #e1e4ea; }
    ul.pending li .text { flex: 1; font-family: ui-monospace, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
    ul.pending li .id { color: #8a93a6; font-size: 12px; min-width: 4.5em; }
    button.move[data-move=drop] { border-color: #d9a0a0; }
    button.move[data-move=duplicate] { border-color: #b9a7d9; }
    #processes { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; }
    .box { border: 1px solid #c9cfdb; border-radius: 5px; padding: 5px 7px; background: #fbfcfe; }
    .box.changed { border-color: #e0a800; background: #fff8e1; }
    .box.crashed { background: #f1f1f1; color: #888; border-style: dashed; }
    .box h3 { font-size: 13px; margin: 0 0 3px; display: flex; justify-content: space-between; gap: 4px; }
    .box pre { margin: 0; font: 12px/1.35 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
    #diagram-section { margin: 0 12px 12px; }
    #diagram { overflow: auto; max-height: 80vh; background: #fff; }
    #status { color: #cfd8ea; }
    a.export { color: #fff; }
    </style>
    </head>
    <body data-version="0">
    <header>
      <h1>pmmc studio</h1>
      <label>Scenario <select id="scenario"></select></label>
      <span id="cluster-form">
        replicas <input id="replicas" type="number" min="1" max="9" value="2">
        leaders <input id="leaders" type="number" min="1" max="9" value="2">
        acceptors <input id="acceptors" type="number" min="1" max="9" value="3">
        clients <input id="clients" type="number" min="0" max="9" value="1">
        <select id="machine"><option value="labels">labels (A, B)</option><option value="kv">key-value store</option></select>
      </span>
      <button id="open">Open</button>
      <span id="status"></span>
      <a class="export" id="export-test" href="/api/export/test" download>Export test</a>
      <a class="export" id="export-trace" href="/api/export/trace" download>Export trace</a>
    </header>
    <div id="error" role="alert"></div>
    <main>
      <section>
        <h2 id="title"></h2>
        <p id="lesson"></p>
        <div class="controls">
          <button id="back" title="one step back">◀ Back</button>
          <button id="forward" title="one step forward along the branch">Forward ▶</button>
          <span id="position"></span>
        </div>
        <ol id="steps"></ol>
        <div class="controls">
          <label>Branch <select id="branch"></select></label>
        </div>
        <div class="controls">
          <input id="fork-name" placeholder="name of the new branch" size="18">
          <button id="fork">Fork here</button>
        </div>
      </section>
      <section>
        <h2>Pending events</h2>
        <ul class="pending" id="pending"></ul>
        <div class="controls">
          <button id="run">Run</button> <input id="ticks" type="number" min="1" max="10000" value="10" style="width:5em"> ticks
        </div>
        <div class="controls">
          client <select id="client"></select>
          <input id="operation" size="12"> <button id="submit">Submit</button>
        </div>
        <h2>Crash or restart a process</h2>
        <div class="controls" id="crash"></div>
      </section>
      <section>
        <h2>State <span id="time"></span></h2>
        <div id="processes"></div>
      </section>
    </main>
    <section id="diagram-section">
      <h2>Space-time diagram</h2>
      <div id="diagram"></div>
    </section>
    <script>
    "use strict";
    const $ = (id) => document.getElementById(id);
    let version = 0;
    function element(tag, text, attributes) {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
      return node;
    }
    function showError(message) {
      $("error").textContent = message;
      $("error").classList.add("shown");
    }
    async function call(method, path, body) {
      try {
        const response = await fetch(path, { method, headers: body ? { "Content-Type": "application/json" } : {},
                                               body: body ? JSON.stringify(body) : undefined });
        const data = await response.json();
        if (!response.ok) { showError(data.error || ("HTTP " + response.status)); bump(); return null; }
        $("error").classList.remove("shown");
        return data;
      } catch (failure) {
        showError("the studio's server did not answer: " + failure);
        bump();
        return null;
      }
    }
    function bump() { version += 1; document.body.dataset.version = String(version); }
    async function move(body) {
      const view = await call("POST", "/api/move", body);
      if (view) render(view);
    }
    function render(view) {
      $("title").textContent = view.title;
      const chosen = view.walkthrough == null ? "cluster" : JSON.stringify({ walkthrough: view.walkthrough, part: view.part });
      for (const option of $("scenario").options) option.selected = option.value === chosen;
      $("cluster-form").classList.toggle("shown", chosen === "cluster");
      if (view.cluster) {
        for (const field of ["replicas", "leaders", "acceptors", "clients", "machine"]) $(field).value = String(view.cluster[field]);
      }
      $("lesson").textContent = view.lesson;
      $("status").textContent = view.scenario + (view.violation ? " — INVARIANT VIOLATED: " + view.violation : "");
      $("position").textContent = "step " + view.position + " of " + view.entries.length;
      $("back").disabled = view.position === 0;
      $("forward").disabled = view.position >= view.entries.length;
      const steps = $("steps");
      steps.replaceChildren();
      view.entries.forEach((entry, index) => {
        const item = element("li", entry.label, { "data-position": String(index + 1) });
        if (index < view.position) item.classList.add("done");
        if (index + 1 === view.position) item.classList.add("current");
        if (!entry.scripted) item.classList.add("yours");
        item.addEventListener("click", () => move({ move: "go", position: index + 1 }));
        steps.append(item);
      });
      const branch = $("branch");
      branch.replaceChildren();
      view.branches.forEach((entry, index) => {
        const option = element("option", entry.name + " (" + entry.length + " steps)", { value: String(index) });
        option.selected = index === view.branch;
        branch.append(option);
      });
      const pending = $("pending");
      pending.replaceChildren();
      for (const event of view.pending) {
        const item = element("li", undefined, { "data-id": String(event.id), "data-kind": event.kind });
        item.append(element("span", "#" + event.id + " @" + event.time, { class: "id" }), element("span", event.text, { class: "text" }));
        for (const name of event.moves) {
          const button = element("button", name, { class: "move", "data-move": name });
          button.addEventListener("click", () => move({ move: name, event: event.id }));
          item.append(button);
        }
        pending.append(item);
      }
      if (view.pending.length === 0) pending.append(element("li", "nothing pending"));
      const processes = $("processes");
      processes.replaceChildren();
      const crash = $("crash");
      crash.replaceChildren();
      for (const process of view.processes) {
        const box = element("div", undefined, { class: "box", "data-process": process.id });
        if (process.changed) box.classList.add("changed");
        if (process.crashed) box.classList.add("crashed");
        const heading = element("h3");
        heading.append(element("span", process.title));
        box.append(heading, element("pre", process.lines.join("\\n")));
        if (process.lines.length > 0) processes.append(box);
        const action = process.crashed ? "restart" : "crash";
        const button = element("button", (process.crashed ? "restart " : "") + process.id, { "data-process": process.id, "data-move": action });
        button.addEventListener("click", () => move({ move: action, process: process.id }));
        crash.append(button);
      }
      $("time").textContent = "at t=" + view.time;
      const client = $("client");
      client.replaceChildren();
      for (let index = 0; index < view.clients; index += 1) client.append(element("option", "c" + index, { value: String(index) }));
      $("submit").disabled = view.clients === 0;
      $("operation").placeholder = view.operationExample;
      $("diagram").innerHTML = view.diagram.replace(/^<\\?xml[^>]*>\\s*/, "");
      bump();
    }
    async function loadScenarios() {
      const list = await call("GET", "/api/scenarios");
      if (!list) return;
      const select = $("scenario");
      for (const walkthrough of list.walkthroughs) {
        for (const part of walkthrough.parts) {
          const label = walkthrough.title + (part.part === 0 ? "" : " — " + part.heading);
          select.append(element("option", label, { value: JSON.stringify({ walkthrough: walkthrough.name, part: part.part }) }));
        }
      }
      select.append(element("option", "A cluster of your own…", { value: "cluster" }));
    }
    $("scenario").addEventListener("change", () => $("cluster-form").classList.toggle("shown", $("scenario").value === "cluster"));
    $("open").addEventListener("click", async () => {
      const value = $("scenario").value;
      const body = value === "cluster"
        ? { cluster: { replicas: Number($("replicas").value), leaders: Number($("leaders").value), acceptors: Number($("acceptors").value),
                       clients: Number($("clients").value), machine: $("machine").value } }
        : JSON.parse(value);
      const view = await call("POST", "/api/open", body);
      if (view) render(view);
    });
    document.addEventListener("keydown", (event) => {
      if (["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowLeft" && !$("back").disabled) move({ move: "back" });
      if (event.key === "ArrowRight" && !$("forward").disabled) move({ move: "forward" });
    });
    $("back").addEventListener("click", () => move({ move: "back" }));
    $("forward").addEventListener("click", () => move({ move: "forward" }));
    $("fork").addEventListener("click", () => move({ move: "fork", name: $("fork-name").value }));
    $("branch").addEventListener("change", () => move({ move: "branch", branch: Number($("branch").value) }));
    $("run").addEventListener("click", () => move({ move: "run", ticks: Number($("ticks").value) }));
    $("submit").addEventListener("click", () => move({ move: "submit", client: Number($("client").value), operation: $("operation").value }));
    (async () => {
      await loadScenarios();
      const view = await call("GET", "/api/state");
      if (view) render(view);
    })();
    </script>
    </body>
    </html>
    """
}
