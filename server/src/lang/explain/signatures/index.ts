/** The catalog: every signature, as data. Order does not matter; priority does. */
import type { Signature } from '../types';
import { CLOUD_SIGNATURES } from './cloud';
import { KERNEL_SIGNATURES } from './kernel';
import { LIBVIRT_SIGNATURES } from './libvirt';
import { QEMU_SIGNATURES } from './qemu';

export const SIGNATURES: readonly Signature[] = [...KERNEL_SIGNATURES, ...QEMU_SIGNATURES, ...LIBVIRT_SIGNATURES, ...CLOUD_SIGNATURES];
