/**
 * Completion lists go out without their documentation and `completionItem/resolve` fills it in
 * for the item the editor shows. A `<model>` list carries every model's feature list, about
 * 180 KB of JSON on each keystroke; without the documentation it is a seventh of that.
 * The documentation of the last few lists is kept here, by list and index.
 */
import type { CompletionItem } from 'vscode-languageserver';

/** How many recent lists can still be resolved (an editor resolves items of its current list). */
const KEPT_LISTS = 4;

interface ItemRef {
  readonly nvList: number;
  readonly nvItem: number;
}

function isRef(data: unknown): data is ItemRef {
  return typeof data === 'object' && data !== null && typeof (data as ItemRef).nvList === 'number' && typeof (data as ItemRef).nvItem === 'number';
}

export class CompletionDocs {
  private next = 1;
  private readonly lists = new Map<number, readonly CompletionItem['documentation'][]>();

  /** The items without documentation, each pointing back to it; items without documentation pass as they are. */
  strip(items: CompletionItem[]): CompletionItem[] {
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

  /** The item with its documentation again, when its list is still kept. */
  resolve(item: CompletionItem): CompletionItem {
    if (!isRef(item.data)) return item;
    const documentation = this.lists.get(item.data.nvList)?.[item.data.nvItem];
    const out: CompletionItem = { ...item };
    delete out.data;
    if (documentation !== undefined) out.documentation = documentation;
    return out;
  }
}
