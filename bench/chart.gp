# The size sweep's chart: ingest rate and query latencies against corpus
# size, one line per target, one panel per figure. Reads the data file
# trailkeep_bench --sweep-data writes (columns: sweep_row.h; for each figure
# three columns, trailkeep sqlite postgres; NaN = not measured).
#
#   gnuplot -e "data='bench/results/sweep.dat'; out='bench/results/sweep.png'" bench/chart.gp
if (!exists("data")) data = "bench/results/sweep.dat"
if (!exists("out")) out = "bench/results/sweep.png"

set terminal pngcairo size 1500,900 font "sans,10"
set output out
set datafile missing "NaN"
set logscale xy
set format x "%.0s%c"
set format y "%g"
set xlabel "events stored"
set grid
set key top left
set style data linespoints

targets = "trailkeep sqlite postgres"
array first[6] = [2, 5, 8, 11, 17, 20]   # the panel's trailkeep column
array titles[6] = ["durable ingest (events/s, higher is better)", \
                   "newest 100 + total, 7 days, action filter: median (ms)", \
                   "Dynatrace first page + totalCount: median (ms)", \
                   "exact count, 7 days (ms)", \
                   "entity id substring, 14 days (ms)", \
                   "page of 100 at offset 100,000 (ms; small corpora: half the window)"]

set multiplot layout 2,3 title "trailkeep\\_bench: cost against corpus size" font ",12" \
    margins 0.06, 0.98, 0.07, 0.91 spacing 0.07, 0.13
do for [p=1:6] {
  set title titles[p]
  set ylabel (p == 1 ? "events/s" : "ms")
  plot for [i=0:2] data using 1:(column(first[p] + i)) title word(targets, i + 1) \
       lw 2 pt 7 lc i + 1
}
unset multiplot
