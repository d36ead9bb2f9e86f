// Loaded with `node --import` by the benchmarks: reports the process's peak resident set size on exit.
process.on('exit', () => {
  process.stderr.write(`NETSPEC_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
