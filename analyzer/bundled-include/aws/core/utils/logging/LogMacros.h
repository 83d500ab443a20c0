// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/logging/AWSLogging.h>
#include <aws/core/utils/logging/LogLevel.h>
#include <aws/core/utils/logging/LogSystemInterface.h>
#include <aws/core/utils/memory/stl/AWSStringStream.h>

// The logging macros expand to a call on the installed log system, so that the arguments of a
// log statement are parsed and checked as the SDK's own macros have them.
#define AWS_LOG(level, tag, ...)                                                                   \
  do {                                                                                             \
    Aws::Utils::Logging::LogSystemInterface *awsLogSystem = Aws::Utils::Logging::GetLogSystem();   \
    if (awsLogSystem && awsLogSystem->GetLogLevel() >= (level))                                    \
      awsLogSystem->Log((level), (tag), __VA_ARGS__);                                              \
  } while (0)

#define AWS_LOGSTREAM(level, tag, streamExpression)                                                \
  do {                                                                                             \
    Aws::Utils::Logging::LogSystemInterface *awsLogSystem = Aws::Utils::Logging::GetLogSystem();   \
    if (awsLogSystem && awsLogSystem->GetLogLevel() >= (level)) {                                  \
      Aws::OStringStream awsLogStream;                                                             \
      awsLogStream << streamExpression;                                                            \
      awsLogSystem->LogStream((level), (tag), awsLogStream);                                       \
    }                                                                                              \
  } while (0)

#define AWS_LOG_FATAL(tag, ...) AWS_LOG(Aws::Utils::Logging::LogLevel::Fatal, tag, __VA_ARGS__)
#define AWS_LOG_ERROR(tag, ...) AWS_LOG(Aws::Utils::Logging::LogLevel::Error, tag, __VA_ARGS__)
#define AWS_LOG_WARN(tag, ...) AWS_LOG(Aws::Utils::Logging::LogLevel::Warn, tag, __VA_ARGS__)
#define AWS_LOG_INFO(tag, ...) AWS_LOG(Aws::Utils::Logging::LogLevel::Info, tag, __VA_ARGS__)
#define AWS_LOG_DEBUG(tag, ...) AWS_LOG(Aws::Utils::Logging::LogLevel::Debug, tag, __VA_ARGS__)
#define AWS_LOG_TRACE(tag, ...) AWS_LOG(Aws::Utils::Logging::LogLevel::Trace, tag, __VA_ARGS__)

#define AWS_LOGSTREAM_FATAL(tag, streamExpression)                                                 \
  AWS_LOGSTREAM(Aws::Utils::Logging::LogLevel::Fatal, tag, streamExpression)
#define AWS_LOGSTREAM_ERROR(tag, streamExpression)                                                 \
  AWS_LOGSTREAM(Aws::Utils::Logging::LogLevel::Error, tag, streamExpression)
#define AWS_LOGSTREAM_WARN(tag, streamExpression)                                                  \
  AWS_LOGSTREAM(Aws::Utils::Logging::LogLevel::Warn, tag, streamExpression)
#define AWS_LOGSTREAM_INFO(tag, streamExpression)                                                  \
  AWS_LOGSTREAM(Aws::Utils::Logging::LogLevel::Info, tag, streamExpression)
#define AWS_LOGSTREAM_DEBUG(tag, streamExpression)                                                 \
  AWS_LOGSTREAM(Aws::Utils::Logging::LogLevel::Debug, tag, streamExpression)
#define AWS_LOGSTREAM_TRACE(tag, streamExpression)                                                 \
  AWS_LOGSTREAM(Aws::Utils::Logging::LogLevel::Trace, tag, streamExpression)

#define AWS_LOGSTREAM_FLUSH()                                                                      \
  do {                                                                                             \
    if (Aws::Utils::Logging::LogSystemInterface *awsLogSystem =                                    \
            Aws::Utils::Logging::GetLogSystem())                                                   \
      awsLogSystem->Flush();                                                                       \
  } while (0)
