// The domain table: filters, sortable columns and pages. Only one page of rows is in the document
// at a time, so 10,000 domains cost one filter pass and one sort per change, and 50 rows of DOM.
// Keyboard: Tab reaches each row's domain button, Enter opens its details, the arrow keys (and
// Home / End) move between rows.
import type { DomainView, PageData } from "../page-data.js";
import { type Child, fill, h } from "./dom.js";
import { count, day, known, SETUPS, STATUS_LABEL, STATUSES } from "./labels.js";
import {
  type Filters,
  NO_FILTERS,
  observedRegistrars,
  query,
  type Sort,
  type SortKey,
} from "./query.js";

/** The filters chosen from a list; the free text has its own input. */
type SelectFilter = Exclude<keyof Filters, "text">;

const PAGE_SIZES = [25, 50, 100, 200] as const;
/** Typing waits this long for the next key before filtering, so fast typing filters once. */
const TYPING_PAUSE_MS = 150;

const COLUMNS: ReadonlyArray<{ readonly key: SortKey; readonly label: string }> = [
  { key: "domain", label: "Domain" },
  { key: "status", label: "Status" },
  { key: "intended", label: "Intended setup" },
  { key: "observed", label: "Observed setup" },
  { key: "registrar", label: "Registrar" },
  { key: "dnsHost", label: "DNS host" },
  { key: "findings", label: "Findings" },
  { key: "expiry", label: "Expires" },
];

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function options(
  anyLabel: string,
  groups: ReadonlyArray<{ label: string; prefix: string; values: readonly string[] }>,
): Child[] {
  return [
    h("option", { value: "" }, anyLabel),
    ...groups.map((group) =>
      h(
        "optgroup",
        { label: group.label },
        ...group.values.map((value) => h("option", { value: `${group.prefix}${value}` }, value)),
      ),
    ),
  ];
}

function select(id: string, label: string, children: Child[]): [HTMLElement, HTMLSelectElement] {
  const control = h("select", { id }, ...children);
  return [h("div", { class: "field" }, h("label", { for: id }, label), control), control];
}

/**
 * What was observed; when the report found it wrong (a finding, not a comparison made here), in
 * red with ≠ and what the policy intended, so the difference is told in words as well as colour.
 */
function versus(observed: string | undefined, intended: string, wrong: boolean): Child {
  if (wrong) {
    return h(
      "span",
      { class: "mismatch" },
      observed ?? "unknown",
      h("span", { class: "sub" }, ` (intended ${intended})`),
    );
  }
  if (observed === undefined) {
    return ["unknown", h("span", { class: "sub" }, ` (intended ${intended})`)];
  }
  return observed;
}

export class DomainTable {
  readonly #domains: readonly DomainView[];
  readonly #open: (index: number, opener: HTMLElement) => void;
  #filters: Filters = { ...NO_FILTERS };
  #sort: Sort = { key: "status", descending: false };
  #shown: number[] = [];
  #page = 0;
  #pageSize = 50;
  readonly #controls: Record<SelectFilter, HTMLSelectElement>;
  readonly #search: HTMLInputElement;
  readonly #status = h("p", { id: "match-count", role: "status", class: "match-count" });
  readonly #head = h("tr");
  readonly #body = h("tbody");
  readonly #pager = h("div", { class: "pager" });
  #typing: number | undefined;

  constructor(
    data: PageData,
    container: HTMLElement,
    open: (index: number, opener: HTMLElement) => void,
  ) {
    this.#domains = data.domains;
    this.#open = open;
    const domains = data.domains;
    const [statusField, status] = select("filter-status", "Status", [
      h("option", { value: "" }, "any status"),
      ...STATUSES.map((s) => h("option", { value: s }, s)),
    ]);
    const observedSetups = domains.some((d) => d.observed.setup === undefined)
      ? [...SETUPS, "unknown"]
      : [...SETUPS];
    const [setupField, setup] = select(
      "filter-setup",
      "Setup",
      options("any setup", [
        { label: "Intended", prefix: "i:", values: SETUPS },
        { label: "Observed", prefix: "o:", values: observedSetups },
      ]),
    );
    const [registrarField, registrar] = select(
      "filter-registrar",
      "Registrar",
      options("any registrar", [
        {
          label: "Intended",
          prefix: "i:",
          values: distinct(domains.map((d) => d.intended.registrar)),
        },
        {
          label: "Observed",
          prefix: "o:",
          values: distinct(domains.flatMap(observedRegistrars)),
        },
      ]),
    );
    const [hostField, dnsHost] = select(
      "filter-dns-host",
      "DNS host",
      options("any DNS host", [
        {
          label: "Intended",
          prefix: "i:",
          values: distinct(domains.map((d) => d.intended.dnsHost)),
        },
        {
          label: "Observed",
          prefix: "o:",
          values: distinct(domains.map((d) => d.observed.dnsHost ?? "unknown")),
        },
      ]),
    );
    const [ruleField, rule] = select("filter-rule", "Rule", [
      h("option", { value: "" }, "any rule"),
      ...distinct(domains.flatMap((d) => d.rules)).map((r) => h("option", { value: r }, r)),
    ]);
    this.#controls = { status, setup, registrar, dnsHost, rule };
    this.#search = h("input", {
      id: "filter-text",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "name, registrar, name server…",
    });
    const reset = h("button", { type: "reset", id: "filter-reset" }, "Clear filters");
    const form = h(
      "form",
      { id: "filters", role: "search", "aria-label": "Filter domains", class: "filters" },
      statusField,
      setupField,
      registrarField,
      hostField,
      ruleField,
      h("div", { class: "field grow" }, h("label", { for: "filter-text" }, "Text"), this.#search),
      h("div", { class: "field end" }, reset),
    );
    // Nothing is ever submitted (and the Content-Security-Policy forbids form targets).
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", (event) => {
      event.preventDefault();
      this.setFilters({ ...NO_FILTERS });
    });
    for (const [key, control] of Object.entries(this.#controls)) {
      control.addEventListener("change", () =>
        this.setFilters({ ...this.#filters, [key]: control.value }),
      );
    }
    this.#search.addEventListener("input", () => {
      window.clearTimeout(this.#typing);
      this.#typing = window.setTimeout(
        () => this.setFilters({ ...this.#filters, text: this.#search.value }),
        TYPING_PAUSE_MS,
      );
    });
    this.#body.addEventListener("keydown", (event) => this.#moveFocus(event));
    const table = h(
      "table",
      { id: "domain-table", class: "domains" },
      h(
        "caption",
        { class: "visually-hidden" },
        "Domains, one page at a time; column headers sort",
      ),
      h("thead", {}, this.#head),
      this.#body,
    );
    fill(
      container,
      form,
      this.#status,
      h("div", { class: "table-wrap" }, table),
      h("nav", { "aria-label": "Pages of the domain table" }, this.#pager),
    );
    this.#update();
  }

  /** Applies filters (from the controls or from elsewhere on the page) and shows page 1. */
  setFilters(filters: Filters): void {
    this.#filters = filters;
    for (const [key, control] of Object.entries(this.#controls)) {
      control.value = filters[key as SelectFilter];
    }
    if (this.#search.value !== filters.text) this.#search.value = filters.text;
    this.#page = 0;
    this.#update();
  }

  #update(): void {
    this.#shown = query(this.#domains, this.#filters, this.#sort);
    this.#render();
  }

  #render(): void {
    const pages = Math.max(1, Math.ceil(this.#shown.length / this.#pageSize));
    this.#page = Math.min(this.#page, pages - 1);
    const first = this.#page * this.#pageSize;
    const rows = this.#shown.slice(first, first + this.#pageSize);
    fill(this.#head, ...COLUMNS.map((column) => this.#header(column)));
    fill(this.#body, ...rows.map((index) => this.#row(index)));
    if (rows.length === 0) {
      fill(
        this.#body,
        h("tr", {}, h("td", { colspan: COLUMNS.length }, "No domain matches these filters.")),
      );
    }
    const all = this.#domains.length;
    this.#status.textContent =
      this.#shown.length === 0
        ? `No domain matches (${count(all)} in all).`
        : `Showing ${count(first + 1)}–${count(first + rows.length)} of ${count(this.#shown.length)} matching domains (${count(all)} in all).`;
    this.#renderPager(pages);
  }

  #header(column: { key: SortKey; label: string }): HTMLElement {
    const active = this.#sort.key === column.key;
    const button = h(
      "button",
      { type: "button", class: "sort", "data-sort": column.key },
      column.label,
      h(
        "span",
        { class: "arrow", "aria-hidden": "true" },
        active ? (this.#sort.descending ? " ▼" : " ▲") : "",
      ),
    );
    button.addEventListener("click", () => {
      this.#sort = { key: column.key, descending: active && !this.#sort.descending };
      this.#page = 0;
      this.#update();
      this.#head.querySelector<HTMLButtonElement>(`[data-sort="${column.key}"]`)?.focus();
    });
    return h(
      "th",
      {
        scope: "col",
        "aria-sort": active ? (this.#sort.descending ? "descending" : "ascending") : undefined,
      },
      button,
    );
  }

  #row(index: number): HTMLElement {
    const d = this.#domains[index] as DomainView;
    const status = known(STATUSES, d.status, "unknown");
    const open = h(
      "button",
      { type: "button", class: "open", "aria-haspopup": "dialog", "data-index": index },
      d.unicode,
    );
    open.addEventListener("click", () => this.#open(index, open));
    const expiry = d.observed.expiry;
    const days = d.observed.daysToExpiry;
    const wrongRegistrar = d.rules.includes("registrar-mismatch");
    const wrongHost = d.rules.includes("dns-host-mismatch");
    // A wrong registrar or host need not change the setup (GoDaddy for Hover is external still).
    const wrongSetup = (wrongRegistrar || wrongHost) && d.observed.setup !== d.intended.setup;
    return h(
      "tr",
      { "data-domain": d.name },
      h(
        "th",
        { scope: "row" },
        open,
        d.unicode === d.name ? null : h("span", { class: "sub" }, ` ${d.name}`),
      ),
      h("td", {}, h("span", { class: `badge status-${status}` }, STATUS_LABEL[status])),
      h("td", {}, d.intended.setup),
      h("td", {}, versus(d.observed.setup, d.intended.setup, wrongSetup)),
      h("td", {}, versus(d.observed.registrar, d.intended.registrar, wrongRegistrar)),
      h("td", {}, versus(d.observed.dnsHost, d.intended.dnsHost, wrongHost)),
      h(
        "td",
        {},
        d.worst === undefined
          ? "—"
          : h(
              "span",
              {},
              h("span", { class: `badge severity-${d.worst}` }, d.worst),
              ` ${d.rules.join(", ")}`,
            ),
      ),
      h(
        "td",
        { class: "nowrap" },
        expiry === undefined ? "—" : day(expiry),
        days === undefined
          ? null
          : h("span", { class: days <= 30 ? "sub soon" : "sub" }, ` (${count(days)} d)`),
      ),
    );
  }

  #renderPager(pages: number): void {
    const go = (page: number) => {
      this.#page = page;
      this.#render();
    };
    const previous = h("button", { type: "button", disabled: this.#page === 0 }, "‹ Previous");
    const next = h("button", { type: "button", disabled: this.#page >= pages - 1 }, "Next ›");
    previous.addEventListener("click", () => go(this.#page - 1));
    next.addEventListener("click", () => go(this.#page + 1));
    const size = h(
      "select",
      { id: "page-size" },
      ...PAGE_SIZES.map((n) =>
        h("option", { value: n, selected: n === this.#pageSize }, String(n)),
      ),
    );
    size.addEventListener("change", () => {
      this.#pageSize = Number(size.value);
      this.#page = 0;
      this.#render();
    });
    fill(
      this.#pager,
      previous,
      h("span", { class: "page" }, `Page ${count(this.#page + 1)} of ${count(pages)}`),
      next,
      h("label", { for: "page-size" }, "Rows per page"),
      size,
    );
  }

  #moveFocus(event: KeyboardEvent): void {
    const buttons = [...this.#body.querySelectorAll<HTMLButtonElement>("button.open")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const target = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      Home: 0,
      End: buttons.length - 1,
    }[event.key];
    const button = target === undefined ? undefined : buttons[target];
    if (button === undefined) return;
    event.preventDefault();
    button.focus();
  }
}
