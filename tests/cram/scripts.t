The repository's scripts named in the docs that are quick and write nothing (the main job itself is tests/results/regenerate.sh).

  $ . "$TESTDIR/setup.sh"

  $ bash experiments/figures/all.sh --list   # the files each figure writes
  1 fig1_gd_rate.csv
  1 fig1_gd_rate_opt.csv
  1 fig1_gd_rate_measured.csv
  1 fig1_gd_rate.svg
  1 fig1_gd_rate.png
  2 fig2_rates_vs_kappa.csv
  2 fig2_rates_vs_kappa_measured.csv
  2 fig2_rates_vs_kappa.svg
  2 fig2_rates_vs_kappa.png
  3 fig3_heavy_ball_map.csv
  3 fig3_heavy_ball_map_opt.csv
  3 fig3_heavy_ball_map.svg
  3 fig3_heavy_ball_map.png
  4 fig4_heavy_ball_sigma.csv
  4 fig4_heavy_ball_sigma_modes.csv
  4 fig4_heavy_ball_sigma_opt.csv
  4 fig4_heavy_ball_sigma.svg
  4 fig4_heavy_ball_sigma.png
  5 fig5_trajectories.csv
  5 fig5_trajectories_summary.csv
  5 fig5_trajectories.svg
  5 fig5_trajectories.png
  6 fig6_methods.csv
  6 fig6_methods_summary.csv
  6 fig6_methods.svg
  6 fig6_methods.png
  7 fig7_steepest.csv
  7 fig7_steepest_ratio.csv
  7 fig7_steepest_bound.csv
  7 fig7_steepest.svg
  7 fig7_steepest.png
  8 fig8_minibatch_noise.csv
  8 fig8_minibatch_noise_se.csv
  8 fig8_minibatch_noise.svg
  8 fig8_minibatch_noise.png
  9 fig9_sgd_noise_floor.csv
  9 fig9_sgd_noise_floor_runs.csv
  9 fig9_sgd_noise_floor_rms.csv
  9 fig9_sgd_noise_floor_expected.csv
  9 fig9_sgd_noise_floor_theory.csv
  9 fig9_sgd_noise_floor.svg
  9 fig9_sgd_noise_floor.png
  10 fig10_expected_error.csv
  10 fig10_expected_error_measured.csv
  10 fig10_expected_error.svg
  10 fig10_expected_error.png
  11 fig11_batch_tradeoff.csv
  11 fig11_batch_tradeoff.svg
  11 fig11_batch_tradeoff.png
  12 fig12_momentum_floor.csv
  12 fig12_momentum_floor.svg
  12 fig12_momentum_floor.png
