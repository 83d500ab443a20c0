// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {
namespace Utils {

// What every operation returns: its result on success, else the error.
template <typename R, typename E> class Outcome {
public:
  Outcome();
  Outcome(const R &r);
  Outcome(const E &e);
  Outcome(R &&r);
  Outcome(E &&e);
  Outcome(const Outcome &o);
  Outcome(Outcome &&o);
  Outcome &operator=(const Outcome &o);
  Outcome &operator=(Outcome &&o);
  template <typename RT, typename ET> Outcome(const Outcome<RT, ET> &o);
  template <typename RT, typename ET> Outcome(Outcome<RT, ET> &&o);

  const R &GetResult() const;
  R &GetResult();
  R &&GetResultWithOwnership();
  const E &GetError() const;
  E &&GetErrorWithOwnership();
  bool IsSuccess() const;
};

} // namespace Utils
} // namespace Aws
