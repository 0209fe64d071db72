// Matrix Market reader (https://math.nist.gov/MatrixMarket/formats.html): `matrix coordinate|array
// real|integer|double general|symmetric`. A symmetric file stores one triangle; both are filled in.
// Sparse (coordinate) files stay sparse. Every problem throws InputError "--matrix PATH: line L: ...".
#pragma once
#include <Eigen/SparseCore>
#include <string>

namespace kappa::io {

Eigen::SparseMatrix<double> read_matrix_market(const std::string& path);

}  // namespace kappa::io
