kappa-merge: the examples of its --help, run as printed, with their recorded output.

  $ . "$TESTDIR/setup.sh"

  $ for i in 1 2 3 4; do kappa-sweep --method gd --grid kappa=geom:1:1e6:25 --shard $i/4 -o shard$i.csv; done
  $ kappa-merge -o map.csv shard1.csv shard2.csv shard3.csv shard4.csv
  $ kappa-sweep --method gd --grid kappa=geom:1:1e6:25 | cmp - map.csv && echo the unsharded bytes
  the unsharded bytes
  $ mkdir -p shards && mv shard?.csv* shards/ && kappa-merge -o map.csv shards/*.csv
  $ kappa-sweep --method gd --grid kappa=geom:1:1e6:25 | cmp - map.csv && echo the unsharded bytes
  the unsharded bytes
  $ kappa-merge -o map.csv shards/shard1.csv shards/shard2.csv
  kappa-merge: missing shard 3/4 of sweep 5a4b46b26bf42e4c
  [2]
