// Noticing removable volumes (USB sticks) that hold a Tidings channel folder. On Linux, desktop
// systems mount sticks under /media/$USER, /run/media/$USER, /media or /mnt: the watcher reads
// the mount table (/proc/self/mountinfo) and looks only at mount points under those roots. A
// thread of its own sleeps in poll() on the mount table, which the kernel wakes when something
// is mounted or unmounted, so an idle reader spends nothing on it and a slow stick never holds
// up a frame. Tests give folder roots instead (no mount table): every subfolder of a root is a
// "volume", rescanned on a timer, and creating one is "plugging in".
#pragma once

#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tidings::platform {

// A mounted volume with at least one channel folder on it.
struct Volume {
    std::string path;                      // mount point
    std::string label;                     // its name, e.g. "NEWS-0311"
    std::vector<std::string> channel_dirs; // folders on it that hold a channel.index
};

// Channel folders on the volume at PATH: PATH itself, its subfolders, and those of PATH/tidings.
std::vector<std::string> find_channel_dirs(const std::string& path);

// Mount points listed in the mount table TEXT (the format of /proc/self/mountinfo: the fifth
// field, with \040-style escapes decoded).
std::vector<std::string> parse_mount_points(const std::string& text);

class VolumeWatcher {
  public:
    // How a watcher finds volumes under its roots.
    enum class Mode {
        MountTable, // mount points under the roots, from /proc/self/mountinfo (the real thing)
        Folders,    // every subfolder of a root (tests, or --volume-root on systems without it)
    };

    // Watches ROOTS (mount point parents). The first poll returns the volumes already there
    // (a stick plugged in before the app started is offered too).
    explicit VolumeWatcher(std::vector<std::string> roots, Mode mode = Mode::Folders);
    // Stops the thread, if started (waits for a scan under way to end).
    ~VolumeWatcher();
    VolumeWatcher(const VolumeWatcher&) = delete;
    VolumeWatcher& operator=(const VolumeWatcher&) = delete;

    // The usual mount roots of this system ($TIDINGS_VOLUME_ROOTS, ':'-separated, overrides).
    static std::vector<std::string> default_roots();

    // Rescans now, on the calling thread; returns volumes that appeared (with a channel) since
    // the last poll. A volume that goes away and comes back is offered again.
    std::vector<Volume> poll();

    // Watches on a thread of its own from now on: polls at once, then whenever the mount table
    // changes (Mode::MountTable) or every RESCAN_MS (Mode::Folders, or when the mount table
    // cannot be watched), and calls ON_ARRIVAL on that thread for each volume that appeared.
    // Call once; do not call poll() as well.
    void start(std::function<void(const Volume&)> on_arrival, int rescan_ms = 1000);
    // True once the started thread has looked at the roots for the first time (and reported
    // what it found).
    bool first_scan_done() const { return first_scan_done_; }

  private:
    std::vector<Volume> scan() const;
    std::vector<std::string> candidates() const;
    void run(const std::function<void(const Volume&)>& on_arrival, int rescan_ms, int wake_fd);
    std::vector<std::string> roots_;
    Mode mode_;
    std::set<std::string> seen_;   // mount points seen with a channel at the last poll
    std::thread thread_;           // the watching thread, once started
    int stop_fd_ = -1;             // eventfd that ends the thread's poll()
    std::atomic<bool> stop_{false};
    std::atomic<bool> first_scan_done_{false};
};

} // namespace tidings::platform
