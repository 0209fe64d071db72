// io::Sink: where output goes (stdout, a device in place, a file replaced atomically, a resumable
// part), and the checks on output paths (links, descriptors, directories, outputs that are inputs).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "kappa/core/errors.hpp"
#include "kappa/io/output.hpp"

namespace kappa::io {
namespace {

// Temp files to remove if SIGINT/SIGTERM arrives before commit (async-signal-safe: fixed buffers).
constexpr int kSlots = 8;
std::array<std::array<char, PATH_MAX>, kSlots> g_temp_paths{};
volatile std::sig_atomic_t g_temp_used[kSlots] = {};

extern "C" void remove_temps_and_exit(int sig) {
  for (int i = 0; i < kSlots; ++i)
    if (g_temp_used[i]) ::unlink(g_temp_paths[i].data());
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

int register_temp(const std::string& path) {
  static bool installed = false;
  if (!installed) {
    std::signal(SIGINT, remove_temps_and_exit);
    std::signal(SIGTERM, remove_temps_and_exit);
    installed = true;
  }
  if (path.size() >= PATH_MAX) return -1;
  for (int i = 0; i < kSlots; ++i)
    if (!g_temp_used[i]) {
      std::memcpy(g_temp_paths[i].data(), path.c_str(), path.size() + 1);
      g_temp_used[i] = 1;
      return i;
    }
  return -1;
}

void unregister_temp(int slot) {
  if (slot >= 0) g_temp_used[slot] = 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------- Sink

namespace {
bool g_stdout_closed = false;

// The descriptor a path names directly: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N.
int descriptor_path(const std::string& p) {
  if (p == "/dev/stdout") return 1;
  if (p == "/dev/stderr") return 2;
  if (p == "/dev/stdin") return 0;
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"})
    if (p.starts_with(prefix) && p.size() > prefix.size() && p.size() - prefix.size() <= 6 &&
        p.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
      return std::stoi(p.substr(prefix.size()));
  return -1;
}

std::string dir_of(const std::string& p) {
  const auto slash = p.rfind('/');
  return slash == std::string::npos ? std::string() : p.substr(0, slash + 1);
}
}  // namespace

void guard_standard_fds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int got = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (got >= 0 && got != fd) {  // cannot happen (open returns the lowest free fd), but be safe
      ::dup2(got, fd);
      ::close(got);
    }
    if (fd == 1) g_stdout_closed = true;
  }
}

OutputTarget resolve_output(const std::string& path) {
  OutputTarget t;
  t.path = path;
  for (int hops = 0; hops < 40; ++hops) {
    if ((t.fd = descriptor_path(t.path)) >= 0) {
      t.in_place = t.exists = true;
      return t;
    }
    struct stat st {};
    if (::lstat(t.path.c_str(), &st) != 0) return t;  // not there yet: created at commit
    if (!S_ISLNK(st.st_mode)) {
      t.exists = true;
      t.directory = S_ISDIR(st.st_mode);
      t.in_place = !S_ISREG(st.st_mode) && !t.directory;
      return t;
    }
    std::string link(PATH_MAX, '\0');
    const auto n = ::readlink(t.path.c_str(), link.data(), link.size());
    if (n < 0) return t;
    link.resize(static_cast<std::size_t>(n));
    t.path = link.starts_with("/") ? link : dir_of(t.path) + link;
  }
  throw InputError(fmt::format("-o {}: too many levels of symbolic links", path));
}

void check_outputs(const std::vector<std::pair<std::string, std::string>>& outputs,
                   const std::vector<std::string>& inputs) {
  struct Id {
    std::string option, path, resolved;
    dev_t dev = 0;
    ino_t ino = 0;
    bool known = false;
  };
  auto id_of = [](const std::string& option, const std::string& path) {
    Id id{option, path, resolve_output(path).path};
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))) {
      id.dev = st.st_dev;
      id.ino = st.st_ino;
      id.known = true;
    }
    return id;
  };
  auto same = [](const Id& a, const Id& b) {
    return (a.known && b.known) ? a.dev == b.dev && a.ino == b.ino : a.resolved == b.resolved;
  };
  std::vector<Id> outs;
  for (const auto& [option, path] : outputs) {
    if (path.empty() || path == "-") continue;
    const auto t = resolve_output(path);
    if (t.directory)
      throw InputError(fmt::format("{} {}: is a directory (expected a file name)", option, path));
    if (t.in_place) continue;  // devices may be named twice (/dev/null)
    auto id = id_of(option, path);
    for (const auto& o : outs)
      if (same(o, id))
        throw InputError(fmt::format("{} {}: the same file as {} {}; give two different files", option, path,
                                     o.option, o.path));
    for (const auto& in : inputs)
      if (!in.empty() && in != "-" && same(id_of("", in), id))
        throw InputError(
            fmt::format("{} {}: is also an input ({}); write the output to another file", option, path, in));
    outs.push_back(std::move(id));
  }
}

Sink::Sink(const std::string& path) : Sink(path, SinkOptions{}) {}

void Sink::open_stdout_or_temp(const std::string& path) {
  if (path.empty() || path == "-") {
    if (g_stdout_closed)
      throw RuntimeError("writing stdout: it was closed when the tool started (give -o FILE)");
    file_ = stdout;
    name_ = "stdout";
    return;
  }
  name_ = path;
  open_target(path);
  if (direct_) return;
  tmp_ = path_ + ".tmp.XXXXXX";
  const int fd = ::mkstemp(tmp_.data());
  if (fd < 0) {
    const int err = errno;
    tmp_.clear();
    throw RuntimeError(
        fmt::format("-o {}: cannot create a temporary file beside it: {}", path, std::strerror(err)));
  }
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    ::fchmod(fd, st.st_mode & 07777);  // keep the target's mode
  } else {
    const mode_t mask = ::umask(0);  // the mode a plain open() would give: 0666 & ~umask
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
  }
  signal_slot_ = register_temp(tmp_);
  file_ = ::fdopen(fd, "w");
  if (!file_) {
    ::close(fd);
    fail("cannot open");
  }
  static thread_local std::array<char, 1 << 16> buffer;
  std::setvbuf(file_, buffer.data(), _IOFBF, buffer.size());
}

// The target: a directory refused; a device, FIFO or descriptor opened in place (direct_);
// otherwise path_ is the regular file (links resolved) to replace at commit.
void Sink::open_target(const std::string& path) {
  const auto t = resolve_output(path);
  if (t.directory) throw InputError(fmt::format("-o {}: is a directory (expected a file name)", path));
  path_ = t.path;
  if (!t.in_place) return;
  if (t.fd >= 0) {
    const int fd = ::fcntl(t.fd, F_DUPFD_CLOEXEC, 3);
    if (fd < 0 || (t.fd == 1 && g_stdout_closed))
      throw RuntimeError(fmt::format("-o {}: descriptor {} is not open", path, t.fd));
    file_ = ::fdopen(fd, "w");
  } else {
    file_ = std::fopen(t.path.c_str(), "w");
  }
  if (!file_) throw RuntimeError(fmt::format("-o {}: cannot open: {}", path, std::strerror(errno)));
  direct_ = true;
}

Sink::Sink(const std::string& path, const SinkOptions& options) {
  if (options.part.empty()) {
    open_stdout_or_temp(path);
    return;
  }
  name_ = path;
  open_target(path);
  if (direct_) return;  // written in place: nothing to resume or rename
  tmp_ = options.part;
  part_ = true;
  struct stat st {};
  mode_t mode = 0;
  if (::stat(path_.c_str(), &st) == 0 && S_ISREG(st.st_mode)) mode = st.st_mode & 07777;
  const int fd = ::open(tmp_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) {
    const int err = errno;
    throw RuntimeError(fmt::format("-o {}: cannot open {}: {}", path, tmp_, std::strerror(err)));
  }
  if (options.lock && ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    tmp_.clear();  // not ours: leave it alone
    throw RuntimeError(
        err == EWOULDBLOCK
            ? fmt::format(
                  "-o {}: another run is writing {} (it holds the lock); wait for it or use another file",
                  path, options.part)
            : fmt::format("-o {}: cannot lock {}: {}", path, options.part, std::strerror(err)));
  }
  if (mode) ::fchmod(fd, mode);
  if (!options.resume && ::ftruncate(fd, 0) != 0) {
    ::close(fd);
    fail("cannot truncate");
  }
  file_ = ::fdopen(fd, "r+");
  if (!file_) {
    ::close(fd);
    fail("cannot open");
  }
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("cannot seek");
}

Sink::~Sink() {
  if (direct_ && file_) std::fclose(file_);
  if (!tmp_.empty() && !committed_) {
    if (file_) std::fclose(file_);
    if (!part_) ::unlink(tmp_.c_str());
    unregister_temp(signal_slot_);
  }
}

void Sink::fail(const char* what) const {
  throw RuntimeError(fmt::format("writing {}: {}: {}", name_, what, std::strerror(errno)));
}

std::string Sink::read_part() const {
  std::string text;
  if (!part_) return text;
  const int fd = ::fileno(file_);
  char buf[1 << 16];
  for (off_t at = 0;;) {
    const auto n = ::pread(fd, buf, sizeof buf, at);
    if (n < 0) fail("cannot read");
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    at += n;
  }
  return text;
}

void Sink::keep(std::uint64_t bytes) {
  if (!part_) return;
  std::fflush(file_);
  if (::ftruncate(::fileno(file_), static_cast<off_t>(bytes)) != 0) fail("cannot truncate");
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("cannot seek");
}

void Sink::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("write failed");
}

void Sink::flush() {
  if (std::fflush(file_) != 0) fail("write failed");
}

void Sink::sync() {
  flush();
  if (!tmp_.empty() && ::fsync(::fileno(file_)) != 0) fail("fsync failed");
}

void Sink::commit() {
  if (committed_) return;
  flush();
  if (std::ferror(file_)) fail("write failed");
  if (direct_) {
    const int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) fail("close failed");
    committed_ = true;
    return;
  }
  if (tmp_.empty()) {
    committed_ = true;
    return;
  }
  if (::fsync(::fileno(file_)) != 0) fail("fsync failed");
  // A resumable part keeps its lock until it is renamed (the descriptor closes after the rename).
  if (!part_ && std::fclose(file_) != 0) {
    file_ = nullptr;
    fail("close failed");
  }
  if (!part_) file_ = nullptr;
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) fail("rename failed");
  committed_ = true;
  unregister_temp(signal_slot_);
  if (part_) {
    std::fclose(file_);
    file_ = nullptr;
  }
}

}  // namespace kappa::io
