// The CSDP adapter: one SDP with a dense and a diagonal block, solved by CSDP's sdp() routine.
//
// easy_sdp() is not used: it calls initparams(), which reads ./param.csdp from the working
// directory (and printlevel from it). The steps easy_sdp takes before sdp() (CSDP user's guide,
// "Using the subroutine interface"; the order CSDP needs: sparsity flags, the by-block cross links,
// the fill structure, sorted entries) are done here with parameters set explicitly to CSDP's
// documented defaults and printlevel 0, so CSDP prints nothing and reads no file.
//
// Thread safety: CSDP keeps `static double **work` in op_o() (the Schur complement routine; it is
// reassigned and freed on every call), so two concurrent solves in one process would use each
// other's work arrays. Solves are serialised by a process-wide mutex. (Debian's libsdp is built
// without OpenMP; a sweep runs its points in parallel across processes or threads, and the solver
// time per point is milliseconds, so the lock costs little.)
//
// Storage: CSDP frees what it is given with free(), so everything handed to it is malloc'ed here.
// CSDP itself calls exit() when malloc fails (code 205); the sizes are bounded by pep::max_steps.
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>

#include "kappa/core/errors.hpp"
#include "kappa/theory/pep.hpp"

extern "C" {
#include <csdp/declarations.h>
}

namespace kappa::pep {

namespace {

std::mutex csdp_mutex;

template <class T>
T* alloc(std::size_t n) {
  void* p = std::malloc(sizeof(T) * (n == 0 ? 1 : n));
  if (!p) throw std::bad_alloc();
  std::memset(p, 0, sizeof(T) * (n == 0 ? 1 : n));
  return static_cast<T*>(p);
}

// CSDP's documented defaults (initparams.c / the user's guide's param.csdp table).
paramstruc default_params() {
  paramstruc p{};
  p.axtol = 1.0e-8;
  p.atytol = 1.0e-8;
  p.objtol = 1.0e-8;
  p.pinftol = 1.0e8;
  p.dinftol = 1.0e8;
  p.maxiter = 100;
  p.minstepfrac = 0.90;
  p.maxstepfrac = 0.97;
  p.minstepp = 1.0e-8;
  p.minstepd = 1.0e-8;
  p.usexzgap = 1;
  p.tweakgap = 0;
  p.affine = 0;
  p.perturbobj = 1;
  p.fastmode = 0;
  return p;
}

}  // namespace

std::string csdp_reason(int code) {
  switch (code) {
    case 0: return "problem solved to optimality";
    case 1: return "problem is primal infeasible";
    case 2: return "problem is dual infeasible";
    case 3: return "problem solved to near optimality (reduced accuracy)";
    case 4: return "maximum iterations reached";
    case 5: return "stuck at edge of primal feasibility";
    case 6: return "stuck at edge of dual feasibility";
    case 7: return "lack of progress";
    case 8: return "X, Z, or O is singular";
    case 9: return "NaN or Inf values encountered";
    case 10: return "stopped by a signal";
    default: return "unknown return code " + std::to_string(code);
  }
}

SdpResult csdp_solve(const Sdp& in) {
  const int n1 = in.n1, n2 = in.n2, k = static_cast<int>(in.A.size());
  if (n1 < 1 || n2 < 1 || k < 1 || in.a.size() != k || in.C1.rows() != n1 || in.C1.cols() != n1 ||
      in.C2.size() != n2)
    throw RuntimeError("csdp_solve: inconsistent problem sizes");
  for (int c = 0; c < k; ++c) {
    if (in.A[c].empty()) throw RuntimeError("csdp_solve: an empty constraint");
    for (const auto& e : in.A[c]) {
      const int size = e.block == 1 ? n1 : n2;
      if ((e.block != 1 && e.block != 2) || e.i < 1 || e.j < e.i || e.j > size ||
          (e.block == 2 && e.i != e.j))
        throw RuntimeError("csdp_solve: a constraint entry outside its block");
    }
  }
  const int n = n1 + n2;

  std::lock_guard<std::mutex> lock(csdp_mutex);

  // Problem data (freed by free_prob at the end).
  blockmatrix C{};
  C.nblocks = 2;
  C.blocks = alloc<blockrec>(3);
  C.blocks[1].blockcategory = MATRIX;
  C.blocks[1].blocksize = n1;
  C.blocks[1].data.mat = alloc<double>(std::size_t(n1) * n1);
  for (int j = 1; j <= n1; ++j)
    for (int i = 1; i <= n1; ++i)
      C.blocks[1].data.mat[ijtok(i, j, n1)] = 0.5 * (in.C1(i - 1, j - 1) + in.C1(j - 1, i - 1));
  C.blocks[2].blockcategory = DIAG;
  C.blocks[2].blocksize = n2;
  C.blocks[2].data.vec = alloc<double>(std::size_t(n2) + 1);
  for (int i = 1; i <= n2; ++i) C.blocks[2].data.vec[i] = in.C2(i - 1);

  double* a = alloc<double>(std::size_t(k) + 1);
  for (int i = 1; i <= k; ++i) a[i] = in.a(i - 1);

  auto* constraints = alloc<constraintmatrix>(std::size_t(k) + 1);
  for (int c = 1; c <= k; ++c) {
    constraints[c].blocks = nullptr;
    // The linked list in increasing block order: insert block 2 first, then block 1 in front.
    for (int block = 2; block >= 1; --block) {
      int count = 0;
      for (const auto& e : in.A[c - 1]) count += e.block == block;
      if (count == 0) continue;
      auto* b = alloc<sparseblock>(1);
      b->blocknum = block;
      b->blocksize = block == 1 ? n1 : n2;
      b->constraintnum = c;
      b->numentries = count;
      b->entries = alloc<double>(std::size_t(count) + 1);
      b->iindices = alloc<int>(std::size_t(count) + 1);
      b->jindices = alloc<int>(std::size_t(count) + 1);
      int t = 0;
      for (const auto& e : in.A[c - 1])
        if (e.block == block) {
          ++t;
          b->iindices[t] = e.i;
          b->jindices[t] = e.j;
          b->entries[t] = e.value;
        }
      b->next = constraints[c].blocks;
      b->nextbyblock = nullptr;
      constraints[c].blocks = b;
    }
  }

  // Initial point (CSDP's own), then the work storage easy_sdp would allocate.
  blockmatrix X{}, Z{};
  double* y = nullptr;
  initsoln(n, k, C, a, constraints, &X, &y, &Z);

  blockmatrix work1{}, work2{}, work3{}, bestx{}, bestz{}, cholxinv{}, cholzinv{}, Zi{}, dZ{}, dX{};
  alloc_mat(C, &work1);
  alloc_mat(C, &work2);
  alloc_mat(C, &work3);
  alloc_mat_packed(C, &bestx);
  alloc_mat_packed(C, &bestz);
  alloc_mat_packed(C, &cholxinv);
  alloc_mat_packed(C, &cholzinv);
  alloc_mat(C, &Zi);
  alloc_mat(C, &dZ);
  alloc_mat(C, &dX);
  const std::size_t vec = std::size_t(std::max(n, k)) + 1;
  double* wv[8];
  for (auto& w : wv) w = alloc<double>(vec);
  double* diagO = alloc<double>(vec);
  double* besty = alloc<double>(std::size_t(k) + 1);
  double* rhs = alloc<double>(std::size_t(k) + 1);
  double* dy = alloc<double>(std::size_t(k) + 1);
  double* dy1 = alloc<double>(std::size_t(k) + 1);
  double* Fp = alloc<double>(std::size_t(k) + 1);
  const int ldam = (k % 2 == 0) ? k + 1 : k;  // CSDP's leading dimension for O (cache)
  double* O = alloc<double>(std::size_t(ldam) * ldam);

  // Sparsity flags: a diagonal block is always handled as sparse; a dense block with many entries
  // relative to its size is handled as dense (the rule easy_sdp uses, a performance choice only).
  for (int c = 1; c <= k; ++c)
    for (sparseblock* p = constraints[c].blocks; p; p = p->next) {
      const double kk = k, ne = p->numentries, bs = p->blocksize;
      p->issparse = (kk * kk * ne * ne > 0.125 * kk * bs * bs * bs && p->numentries > 5) ? 0 : 1;
      if (C.blocks[p->blocknum].blockcategory == DIAG) p->issparse = 1;
      p->nextbyblock = nullptr;
    }
  // Cross links: for every block number, the constraint blocks in constraint order.
  auto** byblocks = alloc<sparseblock*>(std::size_t(C.nblocks) + 1);
  sparseblock* last[3] = {nullptr, nullptr, nullptr};
  for (int c = 1; c <= k; ++c)
    for (sparseblock* p = constraints[c].blocks; p; p = p->next) {
      if (!byblocks[p->blocknum])
        byblocks[p->blocknum] = p;
      else
        last[p->blocknum]->nextbyblock = p;
      last[p->blocknum] = p;
    }
  constraintmatrix fill{};
  makefill(k, C, constraints, &fill, work1, 0);
  sort_entries(k, C, constraints);

  double pobj = 0, dobj = 0;
  const int code = sdp(n, k, C, a, 0.0, constraints, byblocks, fill, X, y, Z, cholxinv, cholzinv, &pobj,
                       &dobj, work1, work2, work3, wv[0], wv[1], wv[2], wv[3], wv[4], wv[5], wv[6], wv[7],
                       diagO, bestx, besty, bestz, Zi, O, rhs, dZ, dX, dy, dy1, Fp, 0, default_params());

  SdpResult out;
  out.code = code;
  out.pobj = pobj;
  out.dobj = dobj;
  out.y.resize(k);
  for (int i = 1; i <= k; ++i) out.y(i - 1) = y[i];
  out.X1.resize(n1, n1);
  out.Z1.resize(n1, n1);
  for (int j = 1; j <= n1; ++j)
    for (int i = 1; i <= n1; ++i) {
      out.X1(i - 1, j - 1) = X.blocks[1].data.mat[ijtok(i, j, n1)];
      out.Z1(i - 1, j - 1) = Z.blocks[1].data.mat[ijtok(i, j, n1)];
    }
  out.X2.resize(n2);
  out.Z2.resize(n2);
  for (int i = 1; i <= n2; ++i) {
    out.X2(i - 1) = X.blocks[2].data.vec[i];
    out.Z2(i - 1) = Z.blocks[2].data.vec[i];
  }

  free_mat(work1);
  free_mat(work2);
  free_mat(work3);
  free_mat_packed(bestx);
  free_mat_packed(bestz);
  free_mat_packed(cholxinv);
  free_mat_packed(cholzinv);
  free_mat(Zi);
  free_mat(dZ);
  free_mat(dX);
  for (auto& w : wv) std::free(w);
  for (double* p : {diagO, besty, rhs, dy, dy1, Fp, O}) std::free(p);
  std::free(byblocks);
  for (sparseblock* p = fill.blocks; p;) {
    sparseblock* next = p->next;
    std::free(p->entries);
    std::free(p->iindices);
    std::free(p->jindices);
    std::free(p);
    p = next;
  }
  free_prob(n, k, C, a, constraints, X, y, Z);
  return out;
}

}  // namespace kappa::pep
