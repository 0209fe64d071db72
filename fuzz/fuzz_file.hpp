// Helper for fuzz targets whose parser reads a file: writes the input to a temp file.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <string>

struct FuzzFile {
  std::string path;
  FuzzFile(const std::uint8_t* data, std::size_t size) {
    char tmpl[] = "/tmp/kappa_fuzz_XXXXXX";
    const int fd = ::mkstemp(tmpl);
    if (fd < 0) return;
    const bool ok = ::write(fd, data, size) == static_cast<ssize_t>(size);
    ::close(fd);
    path = tmpl;
    if (!ok) path.clear();
  }
  ~FuzzFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};
