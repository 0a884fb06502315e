/**
 * Guest NUMA cells (`<cpu><numa>`) and the vCPU lists around them: `<vcpu cpuset>`,
 * `<vcpus>`, `<cputune><vcpusched>`, and the vCPU limits of the machine type. Each
 * check mirrors libvirt (numa_conf.c virDomainNumaDefParseXML, domain_conf.c,
 * qemu_validate.c) or QEMU, as the README rule table says. Linear: bitmaps keep
 * ranges, overlaps are found with one owner array over the (bounded) id space.
 */
import { attribute, childElements, firstChild, type XmlAttribute, type XmlElement } from '../xml';
import { CPUMASK_LEN, parseCpuBitmap, type CpuBitmap } from './bitmap';
import { type Collector, checkEnum, clip } from './collector';
import type { CpuInfo, DomainInfo } from './model';

export const MEM_ACCESS = ['shared', 'private'] as const;
/** libvirt's LOCAL_DISTANCE and UNREACHABLE (numa_conf.h). */
const LOCAL_DISTANCE = 10;
const UNREACHABLE = 255;
/** virMemoryMaxValue(false) >> 10: the largest memory size libvirt holds, in KiB. */
const MAX_MEMORY_KIB = (2n ** 63n - 1n) >> 10n;
const UNITS: Record<string, bigint> = {
  b: 1n, bytes: 1n,
  k: 1024n, kib: 1024n, kb: 1000n,
  m: 1024n ** 2n, mib: 1024n ** 2n, mb: 1000n ** 2n,
  g: 1024n ** 3n, gib: 1024n ** 3n, gb: 1000n ** 3n,
  t: 1024n ** 4n, tib: 1024n ** 4n, tb: 1000n ** 4n,
  p: 1024n ** 5n, pib: 1024n ** 5n, pb: 1000n ** 5n,
  e: 1024n ** 6n, eib: 1024n ** 6n, eb: 1000n ** 6n,
};

/** A bitmap attribute, reported where it does not parse. */
function bitmapOf(c: Collector, attr: XmlAttribute | undefined): CpuBitmap | undefined {
  if (attr?.value === undefined) return undefined;
  const map = parseCpuBitmap(attr.value);
  if (!map) c.add('cpuset-invalid', attr.valueStart, attr.valueEnd, 'cpuset-invalid', [clip(attr.value)]);
  return map;
}

function nonNegative(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\s*[0-9]+\s*$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** virDomainParseMemory, then QEMU's 1 MiB (x86) / 256 MiB (ppc64) node alignment, against libvirt's maximum. */
function checkCellMemory(c: Collector, cell: XmlElement, arch: string): void {
  const mem = attribute(cell, 'memory');
  if (!mem || mem.value === undefined) {
    c.add('numa-cell-memory-missing', cell.nameStart, cell.nameEnd, 'numa-cell-memory-missing');
    return;
  }
  const unit = attribute(cell, 'unit');
  const scale = UNITS[(unit?.value ?? 'KiB').trim().toLowerCase()];
  if (!/^\s*[0-9]+\s*$/.test(mem.value) || scale === undefined) {
    if (scale !== undefined || !unit) c.add('numa-cell-memory-invalid', mem.valueStart, mem.valueEnd, 'numa-cell-memory-invalid', [clip(mem.value)]);
    return;
  }
  const kib = (BigInt(mem.value.trim()) * scale + 1023n) / 1024n;
  const align = arch.startsWith('ppc64') ? 256n * 1024n : 1024n;
  const aligned = ((kib + align - 1n) / align) * align;
  if (aligned > MAX_MEMORY_KIB) {
    c.add('numa-cell-memory-too-large', mem.valueStart, mem.valueEnd, 'numa-cell-memory-too-large', [clip(mem.value.trim()), unit?.value ?? 'KiB']);
  }
}

interface Cell {
  readonly el: XmlElement;
  readonly id: number;
  readonly cpus?: CpuBitmap;
}

/** Cell ids: 0..n-1, each once (libvirt: "Exactly one 'cell' element per guest NUMA cell allowed…"). */
function readCells(c: Collector, cellEls: readonly XmlElement[]): Cell[] {
  const n = cellEls.length;
  const seen = new Set<number>();
  const cells: Cell[] = [];
  cellEls.forEach((el, i) => {
    const idAttr = attribute(el, 'id');
    const id = idAttr ? nonNegative(idAttr.value) : i;
    if (idAttr && (id === undefined || id >= n)) {
      c.add('numa-cell-ids', idAttr.valueStart, idAttr.valueEnd, 'numa-cell-id-range', [clip(idAttr.value ?? ''), n, n - 1]);
    } else if (id !== undefined && seen.has(id)) {
      const a = idAttr ?? { valueStart: el.nameStart, valueEnd: el.nameEnd };
      c.add('numa-cell-ids', a.valueStart, a.valueEnd, 'numa-cell-id-duplicate', [id]);
    }
    if (id !== undefined) seen.add(id);
    cells.push({ el, id: id ?? i, cpus: bitmapOf(c, attribute(el, 'cpus')) });
  });
  return cells;
}

/** virBitmapOverlaps between cells: one owner per vCPU id, so the check is linear. */
function checkOverlap(c: Collector, cells: readonly Cell[]): void {
  const owner = new Int32Array(CPUMASK_LEN).fill(-1);
  for (const cell of cells) {
    if (!cell.cpus) continue;
    let reported = false;
    for (const [lo, hi] of cell.cpus.ranges) {
      for (let v = lo; v <= hi; v++) {
        const prev = owner[v];
        if (prev >= 0 && prev !== cell.id && !reported) {
          const a = attribute(cell.el, 'cpus')!;
          c.add('numa-cells-overlap', a.valueStart, a.valueEnd, 'numa-cells-overlap', [prev, cell.id, v]);
          reported = true;
        }
        if (prev < 0) owner[v] = cell.id;
      }
    }
  }
}

/** virDomainNumaDefNodeDistanceParseXML, and QEMU's "distance between node X and Y is missing". */
function checkDistances(c: Collector, cells: readonly Cell[]): void {
  const n = cells.length;
  const given = new Set<string>();
  let any = false;
  for (const cell of cells) {
    const distances = firstChild(cell.el, 'distances');
    if (!distances) continue;
    for (const sib of childElements(distances, 'sibling')) {
      const idAttr = attribute(sib, 'id');
      const id = nonNegative(idAttr?.value);
      if (idAttr && id !== undefined && id >= n) {
        c.add('numa-sibling-unknown', idAttr.valueStart, idAttr.valueEnd, 'numa-sibling-unknown', [id, n - 1]);
        continue;
      }
      if (id === undefined) continue;
      const valueAttr = attribute(sib, 'value');
      const value = nonNegative(valueAttr?.value);
      const local = id === cell.id;
      if (valueAttr && (value === undefined || value < LOCAL_DISTANCE || value > UNREACHABLE || local !== (value === LOCAL_DISTANCE))) {
        c.add('numa-distance-invalid', valueAttr.valueStart, valueAttr.valueEnd, 'numa-distance-invalid', [clip(valueAttr.value ?? ''), id]);
      }
      any = true;
      given.add(`${Math.min(id, cell.id)},${Math.max(id, cell.id)}`);
    }
  }
  if (!any || n > 512) return;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (given.has(`${i},${j}`)) continue;
      const el = cells.find((x) => x.id === i)?.el ?? cells[0].el;
      c.add('numa-distances-incomplete', el.nameStart, el.nameEnd, 'numa-distances-incomplete', [i, j]);
      return;
    }
  }
}

/** domain_validate.c: "Number of CPUs in <numa> exceeds the <vcpu> count" / "CPU IDs in <numa> exceed…". */
function checkNumaVcpus(c: Collector, numa: XmlElement, cells: readonly Cell[], maxVcpus: number | undefined): void {
  if (maxVcpus === undefined) return;
  let count = 0;
  let max = -1;
  for (const cell of cells) {
    count += cell.cpus?.count ?? 0;
    max = Math.max(max, cell.cpus?.max ?? -1);
  }
  if (count > maxVcpus || max >= maxVcpus) {
    c.add('numa-cpus-exceed-vcpus', numa.nameStart, numa.nameEnd, 'numa-cpus-exceed-vcpus', [count, max, maxVcpus]);
  }
}

function checkNuma(c: Collector, cpu: CpuInfo, domain: DomainInfo, maxVcpus: number | undefined): void {
  const numa = firstChild(cpu.el, 'numa');
  if (!numa) return;
  const cellEls = childElements(numa, 'cell');
  if (cellEls.length === 0) {
    c.add('numa-no-cells', numa.nameStart, numa.nameEnd, 'numa-no-cells');
    return;
  }
  const cells = readCells(c, cellEls);
  for (const cell of cells) {
    checkCellMemory(c, cell.el, domain.arch);
    checkEnum(c, attribute(cell.el, 'memAccess'), MEM_ACCESS, 'cell memAccess', 'numa-cell-memaccess-invalid');
  }
  checkOverlap(c, cells);
  checkDistances(c, cells);
  checkNumaVcpus(c, numa, cells, maxVcpus);
}

export { checkNuma };
