package normalize

import (
	"fmt"

	"github.com/hanfix/hanfix/internal/mojibake"
)

// ReplayPlan re-applies a mojibake repair plan (the Rule of a mojibake
// Change, e.g. "gbk-shift lead=A1 drop@1=F9B5 end=ascii" or
// "utf8<-cp1252 utf8<-cp1252") to the garbled text it was made for and
// returns the repair. It fails when the plan is malformed, does not fit the
// text, or the result would not reproduce the garbled text under the plan's
// mechanism.
func ReplayPlan(garbled, plan string) (string, error) {
	p, err := mojibake.ParsePlan(plan)
	if err != nil {
		return "", fmt.Errorf("replay: %w", err)
	}
	out, err := p.Apply(garbled)
	if err != nil {
		return "", fmt.Errorf("replay %q: %w", plan, err)
	}
	return out, nil
}
