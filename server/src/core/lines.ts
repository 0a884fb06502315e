/**
 * Offsets → 0-based line and character (UTF-16 code units, as LSP counts them), the
 * one conversion every edge uses. Line starts are found once per text; each lookup
 * is a binary search, so converting n findings costs O(text + n·log lines).
 */
export interface LinePosition {
  readonly line: number;
  readonly character: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      } else if (c === 0x0a) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of an offset, clamped to the text. */
  position(offset: number): LinePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  /** 1-based line of an offset, as compilers and reports print it. */
  lineNumber(offset: number): number {
    return this.position(offset).line + 1;
  }
}
