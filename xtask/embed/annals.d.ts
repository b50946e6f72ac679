// Types of annals.js, the module through which other sites embed Annals and
// read its corpus. Every function but init() needs `await init()` first and
// throws an Error otherwise. Ids are the stable document ids the `annals`
// command prints (a file's path in the corpus, or a record's id).

/** A restriction to facet values: documents with any of `anyOf` and none of `noneOf`. */
export interface FacetFilter {
  field: string;
  anyOf?: string[];
  noneOf?: string[];
  /** The engine's spelling of `anyOf`, read too. */
  any_of?: string[];
  /** The engine's spelling of `noneOf`, read too. */
  none_of?: string[];
}

/** Inclusive ISO days: `['1987-03-01', '1987-03-31']`. Undated documents fall outside any range. */
export type DateRange = [from: string, to: string];

/**
 * Period of timeline bins and trend points; chosen from the span when left out.
 * Decades start at years divisible by 10 (1880–1889), centuries at years divisible by 100 (1800–1899).
 */
export type Granularity = 'day' | 'week' | 'month' | 'year' | 'decade' | 'century';

export interface InitOptions {
  /** The WebAssembly file; default: the one beside annals.js. Relative to the page. */
  wasmUrl?: string | URL;
}

/** Loads and starts the module once; later calls return the same promise. */
export function init(options?: InitOptions): Promise<void>;

/** Whether this build provides a function (facets, timeline, trends, concordance and mentions may be absent). */
export function provides(name: string): boolean;

/** Whether this build's index is split into pieces fetched on demand. */
export function isSplit(): boolean;

/**
 * What the data functions give: the answer itself over a single index; over
 * a split index (see `isSplit`), a promise of it, resolved once the pieces
 * it reads have been fetched. `await` works either way.
 */
export type Answer<T> = T | Promise<T>;

/**
 * Calls `ask` and resolves with its answer once every part of the index it
 * reads is here (the data functions below already do this over a split
 * index).
 */
export function complete<T>(ask: () => T): Promise<T>;

export interface MountOptions {
  /** The query to open with. */
  query?: string;
  /** Opening filters; they show in the search box as query operators (`topics:"crude"`). */
  filters?: FacetFilter[];
  /** Opening date range; shows in the search box as `date:FROM..TO`. */
  dateRange?: DateRange;
  /** 'auto' (default) follows the reader's system setting. */
  theme?: 'light' | 'dark' | 'auto';
  /** Read and write the search in the page's address (`?q=`) and tab title. Default false. */
  syncUrl?: boolean;
}

export interface MountHandle {
  /** Removes the explorer; the element may be mounted into again. */
  unmount(): void;
}

/**
 * Renders an explorer inside `element`, in an open shadow root: the page's
 * CSS does not reach it. Several may share a page. Throws for bad options or
 * an element that cannot hold a shadow root.
 */
export function mount(element: Element, options?: MountOptions): MountHandle;

export type Sort = 'relevance' | 'newest' | 'oldest';

export interface SearchOptions {
  /** At most this many hits (default 10, at most 10,000). */
  limit?: number;
  /** Skip this many of the best hits (paging). */
  offset?: number;
  filters?: FacetFilter[];
  sort?: Sort;
  dateRange?: DateRange;
}

export type DatePrecision = 'day' | 'month' | 'season' | 'year' | 'approximate' | (string & {});

export interface Hit {
  id: string;
  title: string;
  /** ISO day, or null for an undated document. */
  date: string | null;
  precision: DatePrecision | null;
  score: number;
  /** The best passage, as plain text (insert it as text, never as HTML). */
  snippet: string;
  /** `[start, end)` UTF-16 offsets of the matches in `snippet`, for `String.prototype.slice`. */
  marks: [number, number][];
}

export interface SearchResults {
  /** How many documents match in all. */
  total: number;
  hits: Hit[];
  /** What the query language ignored or changed, for the reader. */
  notices: string[];
  /** A better-spelled query, when the corpus suggests one. */
  suggestion: string | null;
}

/** Searches the corpus; any query text is answered (broken syntax is read as well as it can be). */
export function search(query: string, options?: SearchOptions): Answer<SearchResults>;

export interface ScopeOptions {
  filters?: FacetFilter[];
  dateRange?: DateRange;
}

export interface Facet {
  field: string;
  label: string;
  kind: 'keyword' | 'tags' | 'number' | 'date' | (string & {});
  values: { value: string; count: number }[];
}

/** Facet values and their counts among the documents `query` finds. Absent from some builds. */
export function facets(query: string, options?: ScopeOptions): Answer<Facet[]>;

export interface Timeline {
  granularity: Granularity;
  /** Periods with `start`/`end` as ISO days and the number of documents in each. */
  bins: { start: string; end: string; count: number }[];
  /** Documents found that have no date. */
  undated: number;
}

/**
 * Which dates a timeline counts: when the documents were written (the
 * default), or the dates their texts mention.
 */
export type TimelineLayer = 'written' | 'mentioned';

/**
 * How many documents `query` finds per period; with `layer: 'mentioned'`,
 * how many of their mentions refer to each period (a mention counts in every
 * bin its days overlap; `undated` then counts mentions of no calendar period:
 * durations, recurrences, "now", dates without a year). Absent from some builds.
 */
export function timeline(query: string, options?: ScopeOptions & { granularity?: Granularity; layer?: TimelineLayer }): Answer<Timeline>;

export interface Trends {
  granularity: Granularity;
  series: { term: string; points: { start: string; count: number; per10k: number }[] }[];
}

/** How often each term occurs per period: counts and per 10,000 words. Absent from some builds. */
export function trends(terms: string[], options?: ScopeOptions & { granularity?: Granularity }): Answer<Trends>;

export interface Concordance {
  total: number;
  lines: { id: string; title: string; date: string | null; left: string; keyword: string; right: string }[];
}

/** Keyword-in-context lines: `width` characters each side, at most `limit` lines. Absent from some builds. */
export function concordance(query: string, options?: ScopeOptions & { width?: number; limit?: number }): Answer<Concordance>;

/** The unit a mentioned date is stated in. */
export type MentionPrecision =
  | 'time' | 'day' | 'week' | 'month' | 'season' | 'quarter' | 'half' | 'year' | 'decade' | 'century' | (string & {});

export interface MentionEntry {
  /** The document's id. */
  id: string;
  title: string;
  /** The document's date (ISO day), or null when undated. */
  date: string | null;
  /** `[start, end)` UTF-16 offsets of the mention in the document's text. */
  start: number;
  end: number;
  /** The words that say it, e.g. "January 20". */
  surface: string;
  /** TIMEX3 type. */
  type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  /** TIMEX3 value, resolved against the document's date: `2000-01-20`, `1999-SP`, `2000-W50`, `2000-01-31/2000-02-02`. */
  value: string;
  /** First and last day (ISO) of the period it refers to. */
  from: string | null;
  to: string | null;
  precision: MentionPrecision | null;
  /** The sentence around it, as plain text (insert it as text, never as HTML). */
  sentence: string;
  /** `[start, end)` UTF-16 offsets of the mention in `sentence`. */
  mark: [number, number];
}

export interface Mentions {
  /** Mentions of a calendar period in the documents found, in all. */
  total: number;
  /** `limit` of them after the first `offset`, by the date they refer to. */
  mentions: MentionEntry[];
}

/**
 * The dates mentioned in the documents `query` finds, in the order of the
 * dates they refer to, each with its sentence: `limit` (default 100, at most
 * 2,000 a call) after `offset`. Absent from some builds.
 */
export function mentions(query: string, options?: ScopeOptions & { offset?: number; limit?: number }): Answer<Mentions>;
