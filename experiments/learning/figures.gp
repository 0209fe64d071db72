# Figures for experiments/learning/run.sh: each as SVG and PNG. Variables: out, v1..v4 (verdicts).
do for [t in "svg png"] {
  ext = t
  # ---- 1. breast_cancer: iterations to 1e-3 error, raw vs standardized
  if (t eq "svg") { set terminal svg size 900,560 dynamic font "sans,12" } else { set terminal pngcairo size 900,560 font "sans,11" }
  set output out."/breast_cancer_iterations.".ext
  reset
  set title "breast\\_cancer least squares: iterations until |w - w*| <= 1e-3 |w0 - w*|\n(kappa = 2.4e12 raw, 1.0e5 standardized; bars at 4e5 = not converged within the cap)"
  set style data histogram
  set style histogram clustered gap 1
  set style fill solid 0.8 border -1
  set logscale y
  set yrange [1:1e14]
  set format y "10^{%L}"
  set ylabel "iterations"
  set key top right
  set grid ytics
  plot out."/breast_cancer_bars.dat" using 2:xtic(1) title "measured, raw" lc rgb "#d62728", \
       "" using 3 title "measured, standardized" lc rgb "#2ca02c", \
       "" using 4 title "theory, raw" lc rgb "#ff9896", \
       "" using 5 title "theory, standardized" lc rgb "#98df8a"
  unset output

  # ---- 2. sigmoid loss surface with two trajectories
  reset
  if (t eq "svg") { set terminal svg size 1100,500 dynamic font "sans,12" } else { set terminal pngcairo size 1100,500 font "sans,11" }
  set output out."/sigmoid_surface.".ext
  set multiplot layout 1,2 title "sigmoid fit f(w,b) = 1/2n sum (sigma(w x + b) - y)^2: log10 f, GD from (-1, -7)"
  set view map
  set xlabel "w"; set ylabel "b"
  set xrange [-4:6]; set yrange [-10:10]
  set cbrange [-6:0]
  set palette rgbformulae 33,13,10
  set cblabel "log10 f"
  set key bottom right opaque
  do for [pan in "small large"] {
    lr = (pan eq "small") ? "5" : "120"
    set title pan." learning rate (lr = ".lr.")"
    splot out."/sigmoid_surface.dat" using 1:2:(log10($3 + 1e-12)) with pm3d notitle, \
          out."/sigmoid_traj_".pan.".dat" every 5 using 2:3:(0) with linespoints lc rgb "white" pt 7 ps 0.4 lw 1.5 title "GD path (every 5th step)", \
          "< echo '2 1 0'" using 1:2:3 with points pt 3 ps 2 lc rgb "black" title "optimum (2, 1)"
  }
  unset multiplot
  unset output

  # ---- 3. plateau length against the starting bias
  reset
  if (t eq "svg") { set terminal svg size 800,500 dynamic font "sans,12" } else { set terminal pngcairo size 800,500 font "sans,11" }
  set output out."/sigmoid_plateau.".ext
  set title "GD (lr = 20) from (w, b) = (0, b0): steps on the plateau (|grad f| < 1e-4 while f > 1e-3)"
  set xlabel "starting bias b0"
  set ylabel "steps"
  set logscale y
  set yrange [1:*]
  set key top right
  set grid
  plot out."/sigmoid_plateau.dat" using 1:($2 > 0 ? $2 : 1/0) with linespoints pt 7 title "steps on the plateau", \
       "" using 1:3 with linespoints pt 5 title "steps until f < 1e-6"
  unset output

  # ---- 4. four training procedures on digits
  reset
  if (t eq "svg") { set terminal svg size 1100,800 dynamic font "sans,12" } else { set terminal pngcairo size 1100,800 font "sans,11" }
  set output out."/digits_training.".ext
  set datafile separator ","
  set datafile missing "nan"
  set multiplot layout 2,2 title "MLP on sklearn digits: four training procedures, each labelled by kappa-diagnose"
  set xlabel "epoch"; set ylabel "cross-entropy"
  set logscale y
  set grid
  set key top right
  array runs[4] = ["too_large_lr", "too_small_lr", "overfitting", "healthy"]
  array desc[4] = ["lr = 10", "lr = 0.002", "60 training samples, 128 hidden, no weight decay", "lr = 0.1, weight decay 1e-4"]
  array verd[4] = [v1, v2, v3, v4]
  do for [i=1:4] {
    set title desc[i]."  ->  kappa-diagnose: ".verd[i] noenhanced
    plot out."/digits_".runs[i].".csv" using 1:2 skip 1 with lines lw 2 lc rgb "#1f77b4" title "train", \
         "" using 1:4 skip 1 with lines lw 2 lc rgb "#d62728" title "test"
  }
  unset multiplot
  unset output
}
