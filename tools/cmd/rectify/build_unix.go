//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

// ownProcessGroup makes cmd the leader of a new process group, so that the
// whole of it (go tool, and the Hugo it starts) can be signalled at once,
// and the terminal's Ctrl+C reaches it only through rectify.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// stopProcessGroup asks p's process group to stop (SIGTERM).
func stopProcessGroup(p *os.Process) {
	unix.Kill(-p.Pid, unix.SIGTERM)
}

// killProcessGroup kills what is left of p's process group. Safe after p
// was waited for: a process group's id is not reused while any member lives.
func killProcessGroup(p *os.Process) {
	unix.Kill(-p.Pid, unix.SIGKILL)
}

// tryLock takes an exclusive flock on f without waiting; false when another
// process holds it.
func tryLock(f *os.File) (bool, error) {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func unlockFile(f *os.File) {
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
}
