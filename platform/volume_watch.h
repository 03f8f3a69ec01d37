// Noticing removable volumes (USB sticks) that hold a Tidings channel folder. On Linux, desktop
// systems mount sticks under /media/$USER, /run/media/$USER, /media or /mnt: the watcher
// rescans those roots when asked (a few directory reads, cheap enough for every two seconds).
// Tests point it at a temporary folder instead: creating a subfolder there is "plugging in".
#pragma once

#include <set>
#include <string>
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

class VolumeWatcher {
  public:
    // Watches ROOTS (mount point parents). The first poll returns the volumes already there
    // (a stick plugged in before the app started is offered too).
    explicit VolumeWatcher(std::vector<std::string> roots);

    // The usual mount roots of this system ($TIDINGS_VOLUME_ROOTS, ':'-separated, overrides).
    static std::vector<std::string> default_roots();

    // Rescans; returns volumes that appeared (with a channel) since the last poll. A volume
    // that goes away and comes back is offered again.
    std::vector<Volume> poll();

  private:
    std::vector<Volume> scan() const;
    std::vector<std::string> roots_;
    std::set<std::string> seen_; // mount points seen with a channel at the last poll
};

} // namespace tidings::platform
