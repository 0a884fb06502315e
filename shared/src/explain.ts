/**
 * `workspace/executeCommand` `nestedVirt.explainError`: the arguments and the result.
 * Any editor can call it; the VS Code client does (client/src/explain.ts).
 */

/** arguments[0]. */
export interface ExplainErrorArgs {
  /** The error message, terminal session or log to explain. */
  readonly text: string;
  /**
   * Files the client found that the server does not have open (e.g. modprobe.d files,
   * domain XML not open in an editor). Open documents are always searched.
   */
  readonly documents?: readonly { readonly uri: string; readonly text: string }[];
}

export interface ExplainPosition {
  readonly line: number;
  readonly character: number;
}

export interface ExplainLocation {
  readonly uri: string;
  readonly range: { readonly start: ExplainPosition; readonly end: ExplainPosition };
  readonly kind: 'domain' | 'nova' | 'modprobe';
  /** Titles of the quick fixes the server offers at this range, best first. */
  readonly quickFixes: readonly string[];
}

export interface ExplainedProblem {
  readonly id: string;
  /** One of the categories of issue 12, e.g. `nested-off`, `cpu-feature-unavailable`. */
  readonly category: string;
  readonly message: string;
  readonly fix: string;
  readonly checks: readonly string[];
  readonly evidence: { readonly text: string; readonly lineText: string; readonly line: number; readonly start: number; readonly end: number };
  readonly occurrences: number;
  /** The probed host whose facts chose the cause. */
  readonly host?: string;
  readonly locations: readonly ExplainLocation[];
}

export interface ExplainErrorResult {
  readonly problems: readonly ExplainedProblem[];
}

/** Sent in initializationOptions by a client that registers the editor command itself. */
export const CLIENT_HAS_EXPLAIN_COMMAND = 'clientHasExplainCommand';
