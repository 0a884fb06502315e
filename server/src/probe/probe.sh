# nested-virt host probe, format 1.
#
# Reads facts about nested KVM virtualization and prints them in sections. It
# only reads: no sudo, no modprobe, no writes. POSIX sh: runs under dash, bash
# and busybox ash. Usually sent on stdin to `sh -s`.
#
# Output: every line starts with `@` (a header the probe wrote) or `|` (one line
# of host data, as read). Blank lines mean nothing. The last line is `@done`.
#
# Settings (environment, or arguments, e.g. with `ansible -m script`):
#   NV_ROOT / --root DIR         read /proc, /sys, /dev, /etc, /usr/lib, /lib, /run
#                                under DIR (test fixtures); tools that inspect the
#                                host (virsh, uname, getconf) are then taken only
#                                from DIR/.probe-bin.
#   NV_NOVA_CONF / --nova-conf F nova.conf to read (default /etc/nova/nova.conf).
NV_ROOT=${NV_ROOT-}
NV_NOVA_CONF=${NV_NOVA_CONF:-/etc/nova/nova.conf}
while [ $# -gt 0 ]; do
  case $1 in
    --root) [ $# -ge 2 ] || break; NV_ROOT=$2; shift 2 ;;
    --nova-conf) [ $# -ge 2 ] || break; NV_NOVA_CONF=$2; shift 2 ;;
    *) shift ;;
  esac
done
[ "$NV_ROOT" = / ] && NV_ROOT=
R=$NV_ROOT
LC_ALL=C
export LC_ALL

# px: prefix every line of stdin with `|` (sed, for long input).
if command -v sed >/dev/null 2>&1; then
  px() { sed 's/^/|/'; }
else
  px() { while IFS= read -r l || [ -n "$l" ]; do printf '|%s\n' "$l"; done; }
fi
# pxl MAX: the same with shell builtins only (no process), for short input.
pxl() {
  n=0
  while IFS= read -r l || [ -n "$l" ]; do
    printf '|%s\n' "$l"
    n=$((n + 1)); [ "$n" -ge "$1" ] && break
  done
}
# rd FILE: the first line of a file into $v, without a process.
rd() { v=; { IFS= read -r v <"$1"; } 2>/dev/null; }
# cap MAX: at most MAX bytes of stdin (only used without awk).
cap() {
  if printf 'ab' | head -c 1 >/dev/null 2>&1; then head -c "$1"; else cat; fi
}
# A leading newline ends any unterminated data line before a header.
hd() { printf '\n@%s\n' "$*"; }
kv() { printf '\n@kv %s %s\n' "$1" "$2"; }
sec() { hd "sec $1"; }

# Cost: every process is a fork and an exec (a few ms of CPU each on a busy
# host), so the script starts as few as it can: tools are found without command
# substitution, and one awk reads modules.builtin, modules.dep, modprobe.d and
# nova.conf.
# findp NAME: T = NAME's path in $PATH, or empty (no subshell).
findp() {
  T=
  o=$IFS; IFS=:
  for p in $PATH; do
    if [ -f "${p:-.}/$1" ] && [ -x "${p:-.}/$1" ]; then T=${p:-.}/$1; break; fi
  done
  IFS=$o
}
# tool NAME: T = path of a host-inspecting tool (under a fixture root only from
# $R/.probe-bin), or empty.
tool() {
  T=
  if [ -n "$R" ]; then
    if [ -x "$R/.probe-bin/$1" ]; then T=$R/.probe-bin/$1; fi
  else
    findp "$1"
  fi
}
findp timeout; TIMEOUT=$T
findp awk; AWK=$T
tool uname; U=$T

# run SECTION CMD...: output (stdout and stderr) as data, then its status.
run() {
  s=$1; shift
  sec "$s"
  if [ -n "$TIMEOUT" ]; then
    out=$("$TIMEOUT" 20 "$@" </dev/null 2>&1)
  else
    out=$("$@" </dev/null 2>&1)
  fi
  rc=$?
  # Short output through the shell's own loop, long output through sed: the
  # shell's read takes one system call per byte.
  if [ ${#out} -gt 2048 ]; then
    printf '%s\n' "$out" | px
  elif [ -n "$out" ]; then
    pxl 1000 <<OUT
$out
OUT
  fi
  hd "rc $rc"
}

# file_sec SECTION PATH [MAXBYTES]
file_sec() {
  sec "$1"
  f=$R$2
  if [ ! -e "$f" ]; then hd absent
  elif [ ! -r "$f" ]; then hd denied
  else cap "${3:-65536}" <"$f" 2>/dev/null | px
  fi
}

hd "v 1"

# --- identity ----------------------------------------------------------------
REL=
if [ -r "$R/proc/sys/kernel/osrelease" ]; then
  rd "$R/proc/sys/kernel/osrelease"; REL=$v; kv release "$v"
elif [ -n "$U" ]; then
  kv release "$("$U" -r </dev/null)"
fi
if [ -r "$R/proc/sys/kernel/arch" ]; then
  rd "$R/proc/sys/kernel/arch"; kv arch "$v"
elif [ -n "$U" ]; then
  kv arch "$("$U" -m </dev/null)"
fi
[ -r "$R/proc/sys/kernel/hostname" ] && { rd "$R/proc/sys/kernel/hostname"; kv hostname "$v"; }
kv id "$(id 2>/dev/null)"
[ -n "$R" ] && kv root "$R"

# --- CPU: the first processor block is enough for vendor, model and flags ------
sec cpuinfo
if [ -r "$R/proc/cpuinfo" ]; then
  n=0
  while IFS= read -r l; do
    case $l in *[![:space:]]*) ;; *) break ;; esac
    printf '|%s\n' "$l"
    n=$((n + 1)); [ "$n" -ge 200 ] && break
  done <"$R/proc/cpuinfo"
else
  hd absent
fi

sec cmdline
if [ -r "$R/proc/cmdline" ]; then pxl 4 <"$R/proc/cmdline"; else hd absent; fi

# --- kvm modules -------------------------------------------------------------
sec modules
if [ -r "$R/proc/modules" ]; then
  while IFS= read -r l; do
    case $l in *kvm*) printf '|%s\n' "$l" ;; esac
  done <"$R/proc/modules"
else
  hd absent
fi

[ -z "$REL" ] && [ -z "$R" ] && REL=$(uname -r 2>/dev/null)
MODDIR=
for d in "$R/lib/modules/$REL" "$R/usr/lib/modules/$REL"; do
  if [ -n "$REL" ] && [ -d "$d" ]; then MODDIR=$d; break; fi
done

# One line per /sys/module/kvm*: NAME STATE NESTED (STATE is `builtin` when the
# module has no initstate; NESTED is `-` without the parameter, `?` unreadable).
sec sysmodule
for d in "$R"/sys/module/kvm*; do
  [ -d "$d" ] || continue
  m=${d##*/}
  st=builtin
  if [ -e "$d/initstate" ]; then rd "$d/initstate"; st=${v:-unknown}; fi
  n=-
  if [ -e "$d/parameters/nested" ]; then
    if [ -r "$d/parameters/nested" ]; then rd "$d/parameters/nested"; n=$v; else n='?'; fi
  fi
  printf '|%s %s %s\n' "$m" "$st" "$n"
done

# /dev/kvm and the /lib symlink (merged /usr) from one ls.
set --
[ -e "$R/dev/kvm" ] && set -- "$R/dev/kvm"
[ -L "$R/lib" ] && set -- "$@" "$R/lib"
KLS= LIBL=
if [ $# -gt 0 ]; then
  ls_out=$(ls -ld "$@" 2>/dev/null)
  while IFS= read -r l; do
    case $l in
      *" $R/lib -> "*) LIBL=${l##*" -> "} ;;
      *" $R/dev/kvm"*) KLS=$l ;;
    esac
  done <<LS
$ls_out
LS
fi
sec devkvm
if [ -e "$R/dev/kvm" ]; then
  printf '|%s\n' "$KLS"
  a=
  [ -r "$R/dev/kvm" ] && a=${a}r
  [ -w "$R/dev/kvm" ] && a=${a}w
  hd "access ${a:--}"
else
  hd absent
fi

# Sections builtin, moddep, modprobe (each file, then all its lines as LINENO:TEXT:
# the server parses them with the editor's modprobe.d parser, continuations
# included) and nova, as steps for one awk: `S NAME` starts a section,
# `H TEXT` writes a header, `b FILE`, `d FILE`, `m FILE NAME`, `n FILE MAX` read.
set -- S builtin
if [ -n "$MODDIR" ] && [ -r "$MODDIR/modules.builtin" ]; then set -- "$@" b "$MODDIR/modules.builtin"; else set -- "$@" H absent; fi
set -- "$@" S moddep
if [ -n "$MODDIR" ] && [ -r "$MODDIR/modules.dep" ]; then set -- "$@" d "$MODDIR/modules.dep"; else set -- "$@" H absent; fi
set -- "$@" S modprobe
[ -n "$LIBL" ] && set -- "$@" H "liblink $LIBL"
for d in /etc/modprobe.d /run/modprobe.d /usr/local/lib/modprobe.d /usr/lib/modprobe.d /lib/modprobe.d; do
  for f in "$R$d"/*.conf; do
    [ -f "$f" ] && set -- "$@" m "$f" "$d/${f##*/}"
  done
done
[ -f "$R/etc/modprobe.conf" ] && set -- "$@" m "$R/etc/modprobe.conf" /etc/modprobe.conf
set -- "$@" S nova
f=$R$NV_NOVA_CONF
if [ ! -e "$f" ]; then set -- "$@" H absent
elif [ ! -r "$f" ]; then set -- "$@" H denied
else set -- "$@" n "$f" 1048576
fi
if [ -n "$AWK" ]; then
  "$AWK" '
    function hd(t) { printf "\n@%s\n", t }
    BEGIN {
      for (i = 1; i < ARGC; i++) {
        k = ARGV[i]; a = ARGV[++i]
        if (k == "S") { hd("sec " a); continue }
        if (k == "H") { hd(a); continue }
        if (k == "m") {
          hd("file " ARGV[++i])
          r = (getline l < a)
          if (r < 0) { hd("denied"); continue }
          ln = 0; n = 0
          while (r > 0) {
            ln++
            if (n < 2000) { printf "|%d:%s\n", ln, l; n++ }
            r = (getline l < a)
          }
        } else if (k == "n") {
          max = ARGV[++i] + 0; got = 0
          while ((getline l < a) > 0) {
            if (got + length(l) + 1 > max) { if (max > got) printf "|%s\n", substr(l, 1, max - got); break }
            got += length(l) + 1
            printf "|%s\n", l
          }
        } else {
          while ((getline l < a) > 0) {
            if (k == "b") { if (l ~ /kvm/) printf "|%s\n", l }
            else if (match(l, /^[^:]*:/)) { p = substr(l, 1, RLENGTH - 1); if (p ~ /kvm/) printf "|%s\n", p }
          }
        }
        close(a)
      }
      # srand() returns the previous seed, and srand() seeds with the time of day.
      srand(); t = srand()
      if (t > 1000000000) printf "\n@kv now %d\n", t
    }' "$@"
else
  while [ $# -gt 0 ]; do
    case $1 in
      S) sec "$2"; shift 2 ;;
      H) hd "$2"; shift 2 ;;
      b) sed -n '/kvm/s/^/|/p' "$2" 2>/dev/null; shift 2 ;;
      d) sed -n 's/^\([^:]*kvm[^:]*\):.*/|\1/p' "$2" 2>/dev/null; shift 2 ;;
      m) hd "file $3"
         if [ -r "$2" ]; then grep -n '' "$2" 2>/dev/null | pxl 2000; else hd denied; fi
         shift 3 ;;
      n) cap "$3" <"$2" 2>/dev/null | px; shift 3 ;;
      *) shift ;;
    esac
  done
fi

# --- processes: QEMU guests and nova-compute ---------------------------------
q=0
npid=
for d in "$R"/proc/[0-9]*; do
  c=
  { read -r c <"$d/comm"; } 2>/dev/null || continue
  case $c in
    qemu-system-*|qemu-kvm|kvm) q=$((q + 1)) ;;
    nova-compute) [ -z "$npid" ] && npid=${d##*/} ;;
  esac
done
kv qemu_procs "$q"
sec novaproc
if [ -n "$npid" ]; then
  hd "pid $npid"
  rd "$R/proc/$npid/stat"; printf '|%s\n' "$v"
fi
if [ -r "$R/proc/stat" ]; then
  while IFS=' ' read -r k b; do
    if [ "$k" = btime ]; then hd "btime $b"; break; fi
  done <"$R/proc/stat"
fi
# Clock ticks turn nova-compute's start time into seconds: only needed with one.
if [ -n "$npid" ]; then
  tool getconf
  [ -n "$T" ] && hd "clktck $("$T" CLK_TCK 2>/dev/null </dev/null)"
fi

# --- libvirt -----------------------------------------------------------------
tool virsh; VIRSH=$T
if [ -z "$VIRSH" ]; then
  hd "missing virsh"
else
  run virsh-version "$VIRSH" -r -c qemu:///system version
fi
# Without a libvirt to connect to, every other virsh call fails the same way.
case $out in *"failed to connect to the hypervisor"*) VIRSH= ;; esac
if [ -n "$VIRSH" ]; then
  run domcaps "$VIRSH" -c qemu:///system domcapabilities
  if [ "$rc" != 0 ]; then
    run caps "$VIRSH" -r -c qemu:///system capabilities
    rd "$R/proc/sys/kernel/arch"; A=$v
    [ -z "$A" ] && [ -n "$U" ] && A=$("$U" -m </dev/null 2>/dev/null)
    [ -n "$A" ] && run cpu-models "$VIRSH" -r -c qemu:///system cpu-models "$A"
  fi
  run vmlist "$VIRSH" -r -c qemu:///system list --state-running --name
fi

# --- nova (its section was read with the modprobe.d files) -------------------
kv nova_path "$NV_NOVA_CONF"
if [ -e "$R$NV_NOVA_CONF" ]; then
  t=$(stat -c %Y "$R$NV_NOVA_CONF" 2>/dev/null || date -r "$R$NV_NOVA_CONF" +%s 2>/dev/null)
  [ -n "$t" ] && kv nova_mtime "$t"
fi
# awk said when it ran (the first `now` counts); date only without awk.
[ -z "$AWK" ] && kv now "$(date +%s 2>/dev/null)"

# --- kernel log: kvm lines, read-only (explained by the explain catalog) -------
# dmesg, else journalctl -k for this boot; `@denied` when neither may be read
# (kernel.dmesg_restrict). With a root, ROOT/var/log/dmesg stands in for them.
sec klog
kl() { grep -i -E 'kvm|vmx|svm' | tail -n 200 | px; }
if [ -n "$R" ]; then
  if [ -r "$R/var/log/dmesg" ]; then hd "via file"; kl <"$R/var/log/dmesg"; else hd absent; fi
elif out=$(${TIMEOUT:+$TIMEOUT 10} dmesg </dev/null 2>/dev/null) && [ -n "$out" ]; then
  hd "via dmesg"; printf '%s\n' "$out" | kl
elif command -v journalctl >/dev/null 2>&1 && out=$(${TIMEOUT:+$TIMEOUT 10} journalctl -k -b -q --no-pager </dev/null 2>/dev/null) && [ -n "$out" ]; then
  hd "via journalctl"; printf '%s\n' "$out" | kl
else
  hd denied
fi

# --- nova stack: the files nova-compute reads, in oslo.config's order ---------
# kolla hosts: the merged /etc/kolla/nova-compute/nova.conf. Otherwise the running
# nova-compute's --config-file/--config-dir (from /proc/PID/cmdline when readable),
# else the defaults: /etc/nova/nova.conf and nova-compute.conf, then the *.conf of
# /etc/nova/nova.conf.d and nova-compute.conf.d (the glob sorts by name under LC_ALL=C,
# as Python's sorted() does). Defaults apply per kind only when no argument of that
# kind is given, and are read before the arguments. `@file P` opens each member.
sec novastack
ns_n=0
ns_file() {
  [ "$ns_n" -ge 64 ] && return
  ns_n=$((ns_n + 1))
  hd "file $1"
  if [ ! -e "$R$1" ]; then hd absent
  elif [ ! -r "$R$1" ]; then hd denied
  else cap 1048576 <"$R$1" 2>/dev/null | px
  fi
}
ns_dir() {
  [ -d "$R$1" ] || { hd "nodir $1"; return; }
  for ns_f in "$R$1"/*.conf; do
    [ -f "$ns_f" ] && ns_file "${ns_f#"$R"}"
  done
}
if [ -f "$R/etc/kolla/nova-compute/nova.conf" ]; then
  hd "source kolla"
  ns_file /etc/kolla/nova-compute/nova.conf
else
  ns_args=
  if [ -n "$npid" ] && [ -r "$R/proc/$npid/cmdline" ] && command -v tr >/dev/null 2>&1; then
    ns_args=$(tr '\000' '\n' <"$R/proc/$npid/cmdline" 2>/dev/null)
  fi
  ns_cf=0; ns_cd=0
  case "
$ns_args" in *"
--config-file"*) ns_cf=1 ;; esac
  case "
$ns_args" in *"
--config-dir"*) ns_cd=1 ;; esac
  if [ -n "$ns_args" ]; then hd "source cmdline"; else hd "source defaults"; fi
  if [ "$ns_cf" = 0 ]; then
    ns_file /etc/nova/nova.conf
    [ -e "$R/etc/nova/nova-compute.conf" ] && ns_file /etc/nova/nova-compute.conf
  fi
  if [ "$ns_cd" = 0 ]; then
    [ -d "$R/etc/nova/nova.conf.d" ] && ns_dir /etc/nova/nova.conf.d
    [ -d "$R/etc/nova/nova-compute.conf.d" ] && ns_dir /etc/nova/nova-compute.conf.d
  fi
  ns_next=
  printf '%s\n' "$ns_args" | {
    while IFS= read -r a; do
      case $ns_next in
        file) ns_file "$a"; ns_next=; continue ;;
        dir) ns_dir "$a"; ns_next=; continue ;;
      esac
      case $a in
        --config-file=*) ns_file "${a#--config-file=}" ;;
        --config-dir=*) ns_dir "${a#--config-dir=}" ;;
        --config-file) ns_next=file ;;
        --config-dir) ns_next=dir ;;
      esac
    done
  }
fi

hd done
