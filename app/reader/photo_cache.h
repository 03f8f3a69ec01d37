// Photos on screen: decoded on a worker thread with the core's limits, turned into textures on
// the UI thread, kept in an LRU cache under a memory budget; thumbnail first, then display size.
#pragma once

#include "app/reader/texture.h"
#include "core/image.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace tidings::reader {

// Least-recently-used bookkeeping under a byte budget (no textures: tested on its own).
// Entries used in the current frame are never evicted, so what is on screen stays.
class BudgetLru {
  public:
    explicit BudgetLru(size_t budget_bytes) : budget_(budget_bytes) {}

    // Adds KEY (replacing an entry with the same key) as used in FRAME.
    void insert(const std::string& key, size_t bytes, uint64_t frame);
    // Marks KEY as used in FRAME; false when absent.
    bool touch(const std::string& key, uint64_t frame);
    bool contains(const std::string& key) const { return index_.count(key) != 0; }
    void erase(const std::string& key);
    // Keys to drop, least recently used first, until the total fits the budget; entries used in
    // CURRENT_FRAME are kept even when that leaves the total over budget. Removes them.
    std::vector<std::string> evict(uint64_t current_frame);

    size_t bytes() const { return bytes_; }
    size_t budget() const { return budget_; }
    void set_budget(size_t b) { budget_ = b; }
    size_t size() const { return index_.size(); }

  private:
    struct Entry {
        std::string key;      // cache key
        size_t bytes = 0;     // memory it holds
        uint64_t frame = 0;   // last frame it was used in
    };
    size_t budget_;                 // bytes allowed
    size_t bytes_ = 0;              // bytes held
    std::list<Entry> order_;        // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_; // key -> entry
};

// What to draw for a photo this frame.
struct PhotoView {
    SDL_Texture* texture = nullptr; // null while nothing is decoded yet (draw a placeholder)
    int width = 0;                  // texture size in pixels
    int height = 0;
    bool final = false;             // the size asked for is shown (not a thumbnail stand-in)
    bool failed = false;            // the photo is missing or could not be decoded
};

// The cache. All methods run on the UI thread, except the decoder thread it owns.
class PhotoCache {
  public:
    // RENDERER makes the textures; LIBRARY_PATH is opened by the decoder thread; WAKE is called
    // from the decoder after each finished photo (e.g. to push an SDL event).
    PhotoCache(SDL_Renderer* renderer, std::string library_path, size_t budget_bytes,
               std::function<void()> wake);
    ~PhotoCache();
    PhotoCache(const PhotoCache&) = delete;
    PhotoCache& operator=(const PhotoCache&) = delete;

    // Call once per frame before drawing: takes finished decodes, evicts over budget, and drops
    // requests no longer wanted.
    void begin_frame(uint64_t frame);

    // The best texture for HASH now. WANT_PX is the longest side it will be drawn at; up to the
    // thumbnail size the thumbnail is enough, above it the display size is decoded (scaled to
    // WANT_PX rounded up, so no more memory than needed), showing the thumbnail meanwhile.
    PhotoView get(const std::string& hash, int want_px);

    // Width / height of the photo when known (from a decoded thumbnail or a hint), else 0.
    float aspect(const std::string& hash) const;
    void hint_aspect(const std::string& hash, float aspect);

    // Decodes queued or running.
    bool busy() const;
    size_t bytes() const { return lru_.bytes(); }
    size_t budget() const { return lru_.budget(); }
    size_t textures() const { return lru_.size(); }
    // Drops every texture (e.g. after a bundle changed the photos).
    void clear();

    // The longest side of a thumbnail as the library stores them.
    static constexpr int kThumbMax = 400;

  private:
    struct Request {
        std::string hash;  // photo
        bool thumb = true; // thumbnail or display size
        int target = 0;    // longest side to scale to (display), 0 = as stored
        uint64_t frame = 0; // frame it was last asked for
    };
    struct Done {
        std::string hash;
        bool thumb = true;
        int target = 0;
        bool failed = false;
        Pixels32 pixels;
    };
    struct Slot {
        TexturePtr texture;  // null while absent
        int width = 0, height = 0;
        int target = 0;      // display: the size it was scaled for
        bool failed = false; // decoding failed: do not ask again
        bool pending = false; // a request is queued or running
    };
    struct PhotoEntry {
        Slot thumb;
        Slot display;
        float aspect = 0; // width / height when known
    };

    void request(const std::string& hash, bool thumb, int target);
    void run_decoder();
    static std::string key(const std::string& hash, bool thumb) { return hash + (thumb ? "#t" : "#d"); }

    SDL_Renderer* renderer_;
    std::string library_path_;
    std::function<void()> wake_;
    BudgetLru lru_;
    uint64_t frame_ = 0;
    std::unordered_map<std::string, PhotoEntry> photos_; // by hash

    // Shared with the decoder thread.
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Request> queue_; // newest last; the decoder takes thumbnails first, newest first
    std::vector<Done> done_;     // finished, waiting for begin_frame
    int running_ = 0;            // decodes in progress
    bool stop_ = false;
    std::thread thread_;
};

} // namespace tidings::reader
