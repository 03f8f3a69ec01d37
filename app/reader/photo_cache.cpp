// PhotoCache: LRU under a byte budget, a decoder thread with its own library connection.
#include "app/reader/photo_cache.h"

#include "core/library_store.h"
#include "platform/thread_priority.h"

#include <algorithm>

namespace tidings::reader {

// ---------------------------------------------------------------------------------------------
// [SECTION] BudgetLru
// ---------------------------------------------------------------------------------------------

void BudgetLru::insert(const std::string& key, size_t bytes, uint64_t frame) {
    erase(key);
    order_.push_front(Entry{key, bytes, frame});
    index_[key] = order_.begin();
    bytes_ += bytes;
}

bool BudgetLru::touch(const std::string& key, uint64_t frame) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    it->second->frame = frame;
    order_.splice(order_.begin(), order_, it->second);
    return true;
}

void BudgetLru::erase(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    bytes_ -= it->second->bytes;
    order_.erase(it->second);
    index_.erase(it);
}

std::vector<std::string> BudgetLru::evict(uint64_t current_frame) {
    std::vector<std::string> out;
    auto it = order_.end();
    while (bytes_ > budget_ && it != order_.begin()) {
        --it;
        if (it->frame >= current_frame) break; // everything before it is newer still
        out.push_back(it->key);
        bytes_ -= it->bytes;
        index_.erase(it->key);
        it = order_.erase(it);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] PhotoCache (UI thread)
// ---------------------------------------------------------------------------------------------

PhotoCache::PhotoCache(SDL_Renderer* renderer, std::string library_path, size_t budget_bytes,
                       std::function<void()> wake)
    : renderer_(renderer), library_path_(std::move(library_path)), wake_(std::move(wake)),
      lru_(budget_bytes) {
    thread_ = std::thread([this] { run_decoder(); });
}

PhotoCache::~PhotoCache() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PhotoCache::begin_frame(uint64_t frame) {
    frame_ = frame;
    std::vector<Done> done;
    {
        std::lock_guard lock(mutex_);
        done.swap(done_);
        // Requests not asked for in the last two frames scrolled away: drop them.
        auto stale = [&](const Request& r) { return r.frame + 2 < frame; };
        for (const Request& r : queue_)
            if (stale(r)) {
                auto it = photos_.find(r.hash);
                if (it != photos_.end()) (r.thumb ? it->second.thumb : it->second.display).pending = false;
            }
        queue_.erase(std::remove_if(queue_.begin(), queue_.end(), stale), queue_.end());
    }
    for (Done& d : done) {
        PhotoEntry& e = photos_[d.hash];
        Slot& slot = d.thumb ? e.thumb : e.display;
        slot.pending = false;
        if (d.failed) {
            slot.failed = true;
            continue;
        }
        TexturePtr tex = make_texture(renderer_, d.pixels);
        if (!tex) {
            slot.failed = true;
            continue;
        }
        slot.texture = std::move(tex);
        slot.width = d.pixels.width;
        slot.height = d.pixels.height;
        slot.target = d.target;
        slot.failed = false;
        if (d.pixels.height > 0) e.aspect = static_cast<float>(d.pixels.width) / static_cast<float>(d.pixels.height);
        lru_.insert(key(d.hash, d.thumb), static_cast<size_t>(d.pixels.width) * static_cast<size_t>(d.pixels.height) * 4,
                    frame);
    }
    // What was drawn last frame is already presented; anything older may go.
    for (const std::string& k : lru_.evict(frame > 0 ? frame - 1 : 0)) {
        bool thumb = k.size() > 2 && k[k.size() - 1] == 't';
        auto it = photos_.find(k.substr(0, k.size() - 2));
        if (it == photos_.end()) continue;
        Slot& slot = thumb ? it->second.thumb : it->second.display;
        slot.texture.reset();
        slot.width = slot.height = slot.target = 0;
    }
}

void PhotoCache::request(const std::string& hash, bool thumb, int target) {
    std::lock_guard lock(mutex_);
    for (Request& r : queue_)
        if (r.hash == hash && r.thumb == thumb) {
            r.frame = frame_;
            r.target = std::max(r.target, target);
            return;
        }
    queue_.push_back(Request{hash, thumb, target, frame_});
    cv_.notify_one();
}

PhotoView PhotoCache::get(const std::string& hash, int want_px) {
    PhotoView v;
    if (hash.empty()) {
        v.failed = true;
        return v;
    }
    PhotoEntry& e = photos_[hash];
    // Up to the thumbnail's size the thumbnail is the source, above it the display size; either is
    // scaled to what is drawn (rounded up, so small layout changes reuse the texture).
    bool display = want_px > kThumbMax;
    int step = want_px <= 512 ? 64 : 128;
    int target = std::clamp(((std::max(want_px, 1) + step - 1) / step) * step, 64, display ? 4096 : kThumbMax);
    Slot& primary = display ? e.display : e.thumb;
    Slot& other = display ? e.thumb : e.display;
    auto use = [&](Slot& s, bool thumb, bool final) {
        lru_.touch(key(hash, thumb), frame_);
        v.texture = s.texture.get();
        v.width = s.width;
        v.height = s.height;
        v.final = final;
    };
    bool big_enough = primary.texture &&
                      (primary.target >= target || std::max(primary.width, primary.height) < primary.target);
    if (big_enough) {
        use(primary, !display, true);
        return v;
    }
    if (!primary.failed) {
        primary.pending = true;
        request(hash, !display, target); // queues it, or keeps the queued request fresh
    }
    if (primary.texture) {
        use(primary, !display, false);
        return v;
    }
    if (other.texture) {
        use(other, display, primary.failed);
        return v;
    }
    if (display && !e.thumb.failed) {
        // Nothing yet: the thumbnail is quick and stands in meanwhile.
        e.thumb.pending = true;
        request(hash, true, kThumbMax);
    }
    v.failed = primary.failed && (other.failed || !display);
    return v;
}

float PhotoCache::aspect(const std::string& hash) const {
    auto it = photos_.find(hash);
    return it == photos_.end() ? 0.0f : it->second.aspect;
}

void PhotoCache::hint_aspect(const std::string& hash, float aspect) {
    if (aspect > 0 && !hash.empty()) {
        PhotoEntry& e = photos_[hash];
        if (e.aspect <= 0) e.aspect = aspect;
    }
}

bool PhotoCache::busy() const {
    std::lock_guard lock(mutex_);
    return !queue_.empty() || running_ > 0 || !done_.empty();
}

void PhotoCache::clear() {
    {
        std::lock_guard lock(mutex_);
        queue_.clear();
    }
    for (auto& [hash, e] : photos_) {
        lru_.erase(key(hash, true));
        lru_.erase(key(hash, false));
    }
    photos_.clear();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Decoder thread
// ---------------------------------------------------------------------------------------------

void PhotoCache::run_decoder() {
    platform::lower_this_thread_priority();
    Result<Library> library = make_error(ErrorCode::Internal, "not opened");
    ImageLimits limits;
    limits.max_pixels = 24ull * 1000 * 1000;
    limits.max_alloc_bytes = 160ull * 1024 * 1024;
    for (;;) {
        Request req;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            // Thumbnails first (they fill the screen fast), then the most recently asked for.
            size_t best = 0;
            for (size_t i = 1; i < queue_.size(); ++i) {
                const Request& a = queue_[i];
                const Request& b = queue_[best];
                if (a.thumb != b.thumb ? a.thumb : a.frame >= b.frame) best = i;
            }
            req = queue_[best];
            queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(best));
            ++running_;
        }
        Done d;
        d.hash = req.hash;
        d.thumb = req.thumb;
        d.target = req.target;
        if (!library.ok()) library = Library::open(library_path_);
        if (!library.ok()) {
            d.failed = true;
        } else {
            auto bytes = library->photo(req.hash, req.thumb);
            if (!bytes) {
                d.failed = true;
            } else {
                auto img = decode_image(bytes.value(), limits);
                if (!img) {
                    d.failed = true;
                } else {
                    Image im = std::move(img.value());
                    if (req.target > 0 && std::max(im.width, im.height) > req.target)
                        im = fit_within(im, req.target, req.target);
                    d.pixels = to_argb(im.pixels.data(), im.width, im.height, im.channels);
                    if (d.pixels.width == 0) d.failed = true;
                }
            }
        }
        {
            std::lock_guard lock(mutex_);
            --running_;
            if (stop_) return;
            done_.push_back(std::move(d));
        }
        if (wake_) wake_();
    }
}

} // namespace tidings::reader
