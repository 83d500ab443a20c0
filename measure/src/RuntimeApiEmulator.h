// A local emulator of the Lambda Runtime API (the 2018-06-01 paths) on loopback, built on
// cpp-httplib. One instance serves one bootstrap process, on a port of its own. The measuring code
// queues events and waits for the bootstrap to ask for them and answer them; every request the
// bootstrap makes is timestamped on arrival.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace coldstart::measure {

using Clock = std::chrono::steady_clock;

/// What the bootstrap said about one invocation.
struct InvocationOutcome {
  enum class Kind { Response, FunctionError } What = Kind::Response;
  std::string Body;
  std::string ErrorType; // Lambda-Runtime-Function-Error-Type or the body's errorType
  Clock::time_point DeliveredAt;
  Clock::time_point AnsweredAt;
};

class RuntimeApiEmulator {
public:
  RuntimeApiEmulator();
  ~RuntimeApiEmulator();

  /// Binds to 127.0.0.1 on a free port and starts serving; returns "127.0.0.1:PORT" or an
  /// empty string when no port could be bound.
  std::string start();
  void stop();

  /// Queues an invocation; returns its request id.
  std::string enqueue(const std::string &Payload, unsigned TimeoutSeconds);

  enum class Wait { Happened, TimedOut, Interrupted };
  /// Waits until the bootstrap has a `next` request pending (or Interrupt returns true, polled
  /// every few milliseconds), and reports when the first one arrived in this epoch.
  Wait waitForNextRequest(Clock::time_point Deadline, const std::function<bool()> &Interrupt,
                          Clock::time_point &FirstNextAt);
  /// Waits until invocation Id is answered.
  Wait waitForOutcome(const std::string &Id, Clock::time_point Deadline,
                      const std::function<bool()> &Interrupt, InvocationOutcome &Out);

  /// An init error the bootstrap posted in this epoch.
  std::optional<std::string> initError() const;
  /// Requests the bootstrap made that break the protocol (unknown ids, answers given twice).
  std::vector<std::string> takeProtocolErrors();

private:
  struct Pending {
    std::string Id;
    std::string Payload;
    unsigned TimeoutSeconds;
  };
  struct State;
  std::unique_ptr<httplib::Server> Server;
  std::unique_ptr<State> S;
  std::thread ServerThread;

  void installRoutes();
};

} // namespace coldstart::measure
