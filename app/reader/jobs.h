// Background work: worker threads with their own library connection, and the queue through
// which they hand results to the UI thread (drained once per frame).
#pragma once

#include "core/library_store.h"
#include "core/result.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tidings::reader {

// Tasks posted by any thread, run on the UI thread by drain(). Posting wakes the event loop.
class MainQueue {
  public:
    using Task = std::function<void()>;

    // WAKE is called (from the posting thread) after every post, e.g. to push an SDL event.
    void set_waker(std::function<void()> wake);
    void post(Task task);
    // Runs every task queued so far, in order, on the calling thread; returns how many ran.
    size_t drain();
    bool empty() const;

  private:
    mutable std::mutex mutex_;     // guards tasks_ and wake_
    std::vector<Task> tasks_;      // queued, oldest first
    std::function<void()> wake_;   // see set_waker
};

// One thread that runs jobs in order with its own Library connection (opened on the thread at
// the first job). Jobs must not throw; they report through the MainQueue. Destroying the
// worker sets the stop flag, drops the jobs not started and joins the thread.
class Worker {
  public:
    // The job's connection, or why it could not be opened; STOP is set when the worker ends.
    using Job = std::function<void(Result<Library>& library, const std::atomic<bool>& stop)>;

    Worker(std::string name, std::string library_path);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void post(Job job);
    // Drops the jobs not yet started (the running one finishes).
    void clear_pending();
    // Jobs queued or running.
    size_t outstanding() const;
    const std::string& name() const { return name_; }

  private:
    void run();

    std::string name_;          // for messages
    std::string library_path_;  // opened on the worker thread
    mutable std::mutex mutex_;  // guards jobs_, running_
    std::condition_variable cv_;
    std::deque<Job> jobs_;      // waiting, oldest first
    bool running_ = false;      // a job is running now
    std::atomic<bool> stop_{false};
    std::thread thread_;        // started last, joined in the destructor
};

} // namespace tidings::reader
