// MainQueue and Worker: a mutex-guarded task list and a single-thread job runner.
#include "app/reader/jobs.h"

#include "platform/thread_priority.h"

namespace tidings::reader {

void MainQueue::set_waker(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

void MainQueue::post(Task task) {
    std::function<void()> wake;
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        wake = wake_;
    }
    if (wake) wake();
}

size_t MainQueue::drain() {
    std::vector<Task> now;
    {
        std::lock_guard lock(mutex_);
        now.swap(tasks_);
    }
    for (auto& t : now) t();
    return now.size();
}

bool MainQueue::empty() const {
    std::lock_guard lock(mutex_);
    return tasks_.empty();
}

Worker::Worker(std::string name, std::string library_path)
    : name_(std::move(name)), library_path_(std::move(library_path)) {
    thread_ = std::thread([this] { run(); });
}

Worker::~Worker() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        jobs_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Worker::post(Job job) {
    {
        std::lock_guard lock(mutex_);
        jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
}

void Worker::clear_pending() {
    std::lock_guard lock(mutex_);
    jobs_.clear();
}

size_t Worker::outstanding() const {
    std::lock_guard lock(mutex_);
    return jobs_.size() + (running_ ? 1 : 0);
}

void Worker::run() {
    platform::lower_this_thread_priority();
    Result<Library> library = make_error(ErrorCode::Internal, "not opened yet");
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            running_ = false;
            cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            running_ = true;
        }
        if (!library.ok()) library = Library::open(library_path_); // again after a failure
        job(library, stop_);
    }
}

} // namespace tidings::reader
