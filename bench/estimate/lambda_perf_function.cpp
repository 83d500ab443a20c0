// A hello-world custom runtime, the function maxday/lambda-perf deploys in every language:
// it asks the Runtime API for the next event and answers each with a fixed body. Written
// against POSIX sockets so that, like lambda-perf's C++ entry (aws-lambda-cpp with a static
// libcurl), it needs nothing beyond the C++ runtime and glibc. bench/estimate/lambda_perf.sh
// packages it twice: with aws-lambda-cpp's packager layout and as a native bootstrap.
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

/// One HTTP/1.1 exchange on a new connection to HostPort ("127.0.0.1:9001"): the response's
/// head and body, or an empty string when the connection fails.
std::string exchange(const std::string &HostPort, const std::string &Request) {
  std::string::size_type Colon = HostPort.rfind(':');
  if (Colon == std::string::npos)
    return "";
  std::string Host = HostPort.substr(0, Colon), Port = HostPort.substr(Colon + 1);
  addrinfo Hints{};
  Hints.ai_family = AF_UNSPEC;
  Hints.ai_socktype = SOCK_STREAM;
  addrinfo *Found = nullptr;
  if (getaddrinfo(Host.c_str(), Port.c_str(), &Hints, &Found) != 0)
    return "";
  int Fd = socket(Found->ai_family, Found->ai_socktype, Found->ai_protocol);
  bool Connected = Fd >= 0 && connect(Fd, Found->ai_addr, Found->ai_addrlen) == 0;
  freeaddrinfo(Found);
  std::string Response;
  if (Connected) {
    for (std::string::size_type Sent = 0; Sent < Request.size();) {
      ssize_t N = write(Fd, Request.data() + Sent, Request.size() - Sent);
      if (N <= 0)
        break;
      Sent += static_cast<std::string::size_type>(N);
    }
    char Buffer[4096];
    for (ssize_t N; (N = read(Fd, Buffer, sizeof Buffer)) > 0;)
      Response.append(Buffer, static_cast<std::string::size_type>(N));
  }
  if (Fd >= 0)
    close(Fd);
  return Response;
}

/// The value of header Name (lower case) in a response head; header names are
/// case-insensitive.
std::string header(const std::string &Response, const std::string &Name) {
  std::string Lower = Response;
  for (char &C : Lower)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  std::string::size_type At = Lower.find("\r\n" + Name + ":");
  if (At == std::string::npos)
    return "";
  At += Name.size() + 3;
  while (At < Response.size() && Response[At] == ' ')
    ++At;
  return Response.substr(At, Response.find("\r\n", At) - At);
}

} // namespace

int main() {
  const char *Api = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (!Api) {
    std::fprintf(stderr, "AWS_LAMBDA_RUNTIME_API is not set\n");
    return 1;
  }
  const std::string Prefix = "/2018-06-01/runtime/invocation/";
  const std::string Body = "{\"statusCode\":200,\"body\":\"ok\"}";
  for (;;) {
    std::string Next =
        exchange(Api, "GET " + Prefix + "next HTTP/1.1\r\nHost: " + std::string(Api) +
                          "\r\nConnection: close\r\n\r\n");
    std::string Id = header(Next, "lambda-runtime-aws-request-id");
    if (Id.empty()) {
      std::fprintf(stderr, "no invocation from the Runtime API\n");
      return 1;
    }
    exchange(Api, "POST " + Prefix + Id + "/response HTTP/1.1\r\nHost: " + std::string(Api) +
                      "\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(Body.size()) + "\r\nConnection: close\r\n\r\n" + Body);
  }
}
