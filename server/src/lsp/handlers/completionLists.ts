/**
 * Completion lists as they go on the wire. The services return plain items; here, once:
 * - documentation is left out of the list and sent by `completionItem/resolve` for the item
 *   the editor shows. A `<model>` list carries every model's feature list, 180 KB of JSON on
 *   each keystroke; the documentation of the last few lists is kept, by list and index;
 * - when the client takes list defaults (LSP 3.17 `itemDefaults.editRange`, as VS Code does)
 *   and every item replaces the same range, the range is sent once instead of per item.
 */
import type { ClientCapabilities, CompletionItem, CompletionList, Range } from 'vscode-languageserver';

/** How many recent lists can still be resolved (an editor resolves items of its current list). */
const KEPT_LISTS = 4;

interface ItemRef {
  readonly nvList: number;
  readonly nvItem: number;
}

function isRef(data: unknown): data is ItemRef {
  return typeof data === 'object' && data !== null && typeof (data as ItemRef).nvList === 'number' && typeof (data as ItemRef).nvItem === 'number';
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The range every item replaces, when there is exactly one. */
function sharedRange(items: readonly CompletionItem[]): Range | undefined {
  const first = items[0]?.textEdit;
  if (!first || !('range' in first)) return undefined;
  return items.every((i) => i.textEdit !== undefined && 'range' in i.textEdit && sameRange(i.textEdit.range, first.range)) ? first.range : undefined;
}

export class CompletionLists {
  private next = 1;
  private readonly lists = new Map<number, readonly CompletionItem['documentation'][]>();
  private editRangeDefault = false;

  configure(capabilities: ClientCapabilities): void {
    this.editRangeDefault = capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
  }

  toWire(items: CompletionItem[]): CompletionItem[] | CompletionList {
    const stripped = this.strip(items);
    const range = this.editRangeDefault && stripped.length > 1 ? sharedRange(stripped) : undefined;
    if (!range) return stripped;
    return {
      isIncomplete: false,
      itemDefaults: { editRange: range },
      items: stripped.map((item) => {
        const out: CompletionItem = { ...item };
        const newText = item.textEdit?.newText;
        delete out.textEdit;
        if (newText !== undefined && newText !== item.label) out.textEditText = newText;
        return out;
      }),
    };
  }

  /** The item with its documentation again, when its list is still kept. */
  resolve(item: CompletionItem): CompletionItem {
    if (!isRef(item.data)) return item;
    const documentation = this.lists.get(item.data.nvList)?.[item.data.nvItem];
    const out: CompletionItem = { ...item };
    delete out.data;
    if (documentation !== undefined) out.documentation = documentation;
    return out;
  }

  /** The items without documentation, each pointing back to it; items without documentation pass as they are. */
  private strip(items: CompletionItem[]): CompletionItem[] {
    if (!items.some((i) => i.documentation !== undefined)) return items;
    const list = this.next++;
    this.lists.set(list, items.map((i) => i.documentation));
    for (const old of this.lists.keys()) if (old <= list - KEPT_LISTS) this.lists.delete(old);
    return items.map((item, i) => {
      if (item.documentation === undefined) return item;
      const out: CompletionItem = { ...item, data: { nvList: list, nvItem: i } satisfies ItemRef };
      delete out.documentation;
      return out;
    });
  }
}
