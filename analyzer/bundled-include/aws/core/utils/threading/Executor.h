// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <cstddef>
#include <functional>

namespace Aws {
namespace Utils {
namespace Threading {

// Runs the SDK's asynchronous work (async operations, TransferManager).
class Executor {
public:
  virtual ~Executor() = default;
  template <class Fn, class... Args> bool Submit(Fn &&fn, Args &&...args);
  virtual void WaitUntilStopped();

protected:
  virtual bool SubmitToThread(std::function<void()> &&) = 0;
};

class DefaultExecutor : public Executor {
public:
  DefaultExecutor();
  ~DefaultExecutor() override;

protected:
  bool SubmitToThread(std::function<void()> &&) override;
};

enum class OverflowPolicy { QUEUE_TASKS_EVENLY_ACCROSS_THREADS, REJECT_IMMEDIATELY };

// Starts poolSize operating-system threads when constructed.
class PooledThreadExecutor : public Executor {
public:
  PooledThreadExecutor(
      std::size_t poolSize,
      OverflowPolicy overflowPolicy = OverflowPolicy::QUEUE_TASKS_EVENLY_ACCROSS_THREADS);
  ~PooledThreadExecutor() override;
  PooledThreadExecutor(const PooledThreadExecutor &) = delete;
  PooledThreadExecutor &operator=(const PooledThreadExecutor &) = delete;

protected:
  bool SubmitToThread(std::function<void()> &&) override;
};

} // namespace Threading
} // namespace Utils
} // namespace Aws
