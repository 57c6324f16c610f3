"""`make cluster`: the whole topology on this machine (python -m cluster run|start|stop|status).

    run     start everything, print the addresses, stop cleanly on Ctrl-C (make cluster)
    start   start everything and return, leaving it running (make cluster-start)
    stop    stop everything started under the var folder (make cluster-stop)
    status  what is running
    check   exit 1, naming them, when Debian packages the cluster needs are missing

The var folder is var/cluster (CLUSTER_VAR_DIR to change it). The demo archive is
loaded into the cluster's own PostgreSQL on first start.
"""

import signal
import sys
import time

from cluster import deps
from cluster.topology import Topology, default_var_dir


def main(argv):
    action = argv[1] if len(argv) > 1 else "run"
    if action not in {"run", "start", "stop", "status", "check"}:
        sys.exit(__doc__)
    if action == "check":
        missing = deps.missing(*deps.PARTS)
        if missing:
            sys.exit(f"The cluster needs the Debian packages {' '.join(missing)}: {deps.HOW}")
        return
    topology = Topology(default_var_dir())
    if action == "stop":
        topology.stop()
        print(f"cluster stopped ({topology.var_dir})")
        return
    if action == "status":
        for name, address in topology.status():
            print(f"{name:10} {address or 'stopped'}")
        return
    print(f"Starting the cluster under {topology.var_dir} …", flush=True)
    try:
        topology.start()
    except BaseException:
        topology.stop()
        raise
    print(topology.describe(), flush=True)
    if action == "start":
        print("Stop it with: make cluster-stop")
        return
    print("Ctrl-C stops every part.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        print("\nStopping the cluster …", flush=True)
        topology.stop()
        print("cluster stopped")


if __name__ == "__main__":
    main(sys.argv)
