// The files of a sweep: the rows (FILE, FILE.part while running) and the sidecar FILE.sweep.json.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/io/grid.hpp"

namespace kappa::io {

// ---- Sweep files (kappa-sweep writes them, kappa-merge and --resume read them) ----
// FILE holds the rows (csv or jsonl, written in grid order); while a sweep runs they are appended to
// FILE.part in whole rows, renamed to FILE when the last row is in. FILE.sweep.json (the sidecar)
// records the sweep's identity (mode, grids, fixed options, columns, format), a hash of it, the shard
// and whether the shard is complete.
inline std::string sweep_part_path(const std::string& data) { return data + ".part"; }
inline std::string sweep_sidecar_path(const std::string& data) { return data + ".sweep.json"; }

// Splits text into records: for csv a record ends at a newline outside double quotes, for jsonl at
// any newline. Appends each complete record (with its newline) to `records`; returns the length of
// the complete records (a trailing partial record is not included).
std::size_t split_records(std::string_view text, bool csv, std::vector<std::string_view>& records);

// Writes FILE.sweep.json (atomically): {tool, version, sweep_id, sweep: identity, shard {index, count},
// shard_points, rows, complete}. Deterministic: the same sweep gives the same bytes.
void write_sweep_sidecar(const std::string& path, const nlohmann::ordered_json& identity, const Shard& shard,
                         std::uint64_t rows, bool complete);

// 64-bit FNV-1a of the text, as 16 hex digits (the sweep id: a short name for the identity).
std::string fnv1a_hex(std::string_view text);

}  // namespace kappa::io
