#include "RuntimeApiEmulator.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <vector>

namespace coldstart::measure {

namespace {

// Lambda's limit on a synchronous invocation's response payload ("Lambda quotas", AWS Lambda
// Developer Guide: 6 MB each for request and response).
constexpr size_t MaxResponseBytes = size_t{6} * 1024 * 1024;

constexpr const char *RuntimePrefix = "/2018-06-01/runtime";

std::string jsonError(const std::string &Type, const std::string &Message) {
  return "{\"errorType\":\"" + Type + "\",\"errorMessage\":\"" + Message + "\"}";
}

/// The errorType field of a Runtime API error body, found without a JSON parser because the
/// body may be anything the function wrote.
std::string errorTypeOf(const std::string &Body) {
  size_t Key = Body.find("\"errorType\"");
  if (Key == std::string::npos)
    return "";
  size_t Open = Body.find('"', Body.find(':', Key) + 1);
  size_t Close = Open == std::string::npos ? Open : Body.find('"', Open + 1);
  return Close == std::string::npos ? "" : Body.substr(Open + 1, Close - Open - 1);
}

} // namespace

struct RuntimeApiEmulator::State {
  mutable std::mutex M;
  std::condition_variable CV;
  bool Stopping = false;
  uint64_t NextId = 1;
  std::deque<Pending> Queue;
  unsigned BlockedNext = 0;
  std::optional<Clock::time_point> FirstNextAt;
  std::map<std::string, Clock::time_point> Delivered; // awaiting an answer
  std::map<std::string, InvocationOutcome> Outcomes;
  std::optional<std::string> InitError;
  std::vector<std::string> ProtocolErrors;
};

RuntimeApiEmulator::RuntimeApiEmulator()
    : Server(std::make_unique<httplib::Server>()), S(std::make_unique<State>()) {
  // Headers and body are written separately; with Nagle's algorithm the body would wait for the
  // client's delayed ACK (about 40 ms on Linux) and every invocation would seem that slow.
  Server->set_tcp_nodelay(true);
  installRoutes();
}

RuntimeApiEmulator::~RuntimeApiEmulator() {
  stop();
}

std::string RuntimeApiEmulator::start() {
  int Port = Server->bind_to_any_port("127.0.0.1");
  if (Port <= 0)
    return "";
  ServerThread = std::thread([this] { Server->listen_after_bind(); });
  return "127.0.0.1:" + std::to_string(Port);
}

void RuntimeApiEmulator::stop() {
  {
    std::lock_guard<std::mutex> L(S->M);
    S->Stopping = true;
  }
  S->CV.notify_all();
  if (ServerThread.joinable()) {
    Server->stop();
    ServerThread.join();
  }
}

std::string RuntimeApiEmulator::enqueue(const std::string &Payload, unsigned TimeoutSeconds) {
  std::string Id;
  {
    std::lock_guard<std::mutex> L(S->M);
    char Buffer[64];
    std::snprintf(Buffer, sizeof Buffer, "coldstart-%08llu",
                  static_cast<unsigned long long>(S->NextId++));
    Id = Buffer;
    S->Queue.push_back({Id, Payload, TimeoutSeconds});
  }
  S->CV.notify_all();
  return Id;
}

static RuntimeApiEmulator::Wait waitLoop(std::unique_lock<std::mutex> &Lock,
                                         std::condition_variable &CV, Clock::time_point Deadline,
                                         const std::function<bool()> &Interrupt,
                                         const std::function<bool()> &Done) {
  while (!Done()) {
    if (Clock::now() >= Deadline)
      return RuntimeApiEmulator::Wait::TimedOut;
    // The interrupt check (has the process exited?) runs without the lock held.
    Lock.unlock();
    bool Stop = Interrupt && Interrupt();
    Lock.lock();
    if (Done())
      break;
    if (Stop)
      return RuntimeApiEmulator::Wait::Interrupted;
    CV.wait_for(Lock, std::chrono::milliseconds(5));
  }
  return RuntimeApiEmulator::Wait::Happened;
}

RuntimeApiEmulator::Wait
RuntimeApiEmulator::waitForNextRequest(Clock::time_point Deadline,
                                       const std::function<bool()> &Interrupt,
                                       Clock::time_point &FirstNextAt) {
  std::unique_lock<std::mutex> Lock(S->M);
  Wait W = waitLoop(Lock, S->CV, Deadline, Interrupt,
                    [&] { return S->BlockedNext > 0 || S->InitError.has_value(); });
  if (W != Wait::Happened)
    return W;
  const auto &At = S->FirstNextAt;
  if (!At.has_value())
    return Wait::Interrupted; // an init error, not a `next`
  FirstNextAt = At.value();
  return W;
}

RuntimeApiEmulator::Wait RuntimeApiEmulator::waitForOutcome(const std::string &Id,
                                                            Clock::time_point Deadline,
                                                            const std::function<bool()> &Interrupt,
                                                            InvocationOutcome &Out) {
  std::unique_lock<std::mutex> Lock(S->M);
  Wait W = waitLoop(Lock, S->CV, Deadline, Interrupt, [&] { return S->Outcomes.count(Id) != 0; });
  if (W == Wait::Happened) {
    Out = S->Outcomes[Id];
    S->Outcomes.erase(Id);
  }
  return W;
}

std::optional<std::string> RuntimeApiEmulator::initError() const {
  std::lock_guard<std::mutex> L(S->M);
  return S->InitError;
}

std::vector<std::string> RuntimeApiEmulator::takeProtocolErrors() {
  std::lock_guard<std::mutex> L(S->M);
  std::vector<std::string> Out;
  Out.swap(S->ProtocolErrors);
  return Out;
}

void RuntimeApiEmulator::installRoutes() {
  std::string Prefix = RuntimePrefix;

  Server->Get(Prefix + "/invocation/next", [this](const httplib::Request &,
                                                  httplib::Response &Res) {
    std::unique_lock<std::mutex> Lock(S->M);
    if (!S->FirstNextAt)
      S->FirstNextAt = Clock::now();
    ++S->BlockedNext;
    S->CV.notify_all();
    // Long poll, as Lambda does: the request is answered when an event is queued.
    S->CV.wait(Lock, [&] { return S->Stopping || !S->Queue.empty(); });
    if (S->Stopping) {
      Res.status = 500;
      Res.set_content(jsonError("ServiceException", "the emulator is shutting down"),
                      "application/json");
      return;
    }
    --S->BlockedNext;
    Pending P = std::move(S->Queue.front());
    S->Queue.pop_front();
    S->Delivered[P.Id] = Clock::now();
    auto DeadlineMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count() +
                      static_cast<long long>(P.TimeoutSeconds) * 1000;
    Res.set_header("Lambda-Runtime-Aws-Request-Id", P.Id);
    Res.set_header("Lambda-Runtime-Deadline-Ms", std::to_string(DeadlineMs));
    Res.set_header("Lambda-Runtime-Invoked-Function-Arn",
                   "arn:aws:lambda:us-east-1:000000000000:function:coldstart-measure");
    Res.set_header("Lambda-Runtime-Trace-Id",
                   "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0");
    Res.set_content(P.Payload, "application/json");
  });

  auto Answer = [this](const httplib::Request &Req, httplib::Response &Res,
                       InvocationOutcome::Kind Kind) {
    std::string Id = Req.matches[1];
    std::lock_guard<std::mutex> L(S->M);
    auto It = S->Delivered.find(Id);
    if (It == S->Delivered.end()) {
      S->ProtocolErrors.push_back("answer for unknown or already answered request id '" + Id + "'");
      Res.status = 400;
      Res.set_content(jsonError("InvalidRequestID", "Invalid request ID"), "application/json");
      S->CV.notify_all();
      return;
    }
    InvocationOutcome O;
    O.What = Kind;
    O.DeliveredAt = It->second;
    O.AnsweredAt = Clock::now();
    O.Body = Req.body;
    if (Kind == InvocationOutcome::Kind::FunctionError) {
      O.ErrorType = Req.get_header_value("Lambda-Runtime-Function-Error-Type");
      if (O.ErrorType.empty())
        O.ErrorType = errorTypeOf(Req.body);
    } else if (Req.body.size() > MaxResponseBytes) {
      O.What = InvocationOutcome::Kind::FunctionError;
      O.ErrorType = "Function.ResponseSizeTooLarge";
      O.Body =
          "response of " + std::to_string(Req.body.size()) + " bytes exceeds Lambda's 6 MB limit";
    }
    S->Delivered.erase(It);
    S->Outcomes[Id] = std::move(O);
    Res.status = 202;
    Res.set_content("{\"status\":\"OK\"}", "application/json");
    S->CV.notify_all();
  };
  Server->Post(Prefix + "/invocation/([^/]+)/response",
               [Answer](const httplib::Request &Req, httplib::Response &Res) {
                 Answer(Req, Res, InvocationOutcome::Kind::Response);
               });
  Server->Post(Prefix + "/invocation/([^/]+)/error",
               [Answer](const httplib::Request &Req, httplib::Response &Res) {
                 Answer(Req, Res, InvocationOutcome::Kind::FunctionError);
               });
  Server->Post(Prefix + "/init/error", [this](const httplib::Request &Req, httplib::Response &Res) {
    std::lock_guard<std::mutex> L(S->M);
    std::string Type = Req.get_header_value("Lambda-Runtime-Function-Error-Type");
    S->InitError = (Type.empty() ? errorTypeOf(Req.body) : Type) + ": " + Req.body;
    Res.status = 202;
    Res.set_content("{\"status\":\"OK\"}", "application/json");
    S->CV.notify_all();
  });
}

} // namespace coldstart::measure
