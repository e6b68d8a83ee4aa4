package opencc

import (
	"encoding/json"
	"fmt"
)

// DictSpec is a dictionary reference in an OpenCC configuration: a file
// ("ocd2", "ocd", "text" or gocc's "txt") or a group of dictionaries.
type DictSpec struct {
	Type          string     `json:"type"`
	File          string     `json:"file,omitempty"`
	MatchPolicy   string     `json:"match_policy,omitempty"`
	Dicts         []DictSpec `json:"dicts,omitempty"`
	MayOutputTofu bool       `json:"may_output_tofu,omitempty"`
}

// ConversionSpec is one step of a conversion chain.
type ConversionSpec struct {
	Dict DictSpec `json:"dict"`
}

// SegmentationSpec is an OpenCC segmentation; only "mmseg" (maximal
// matching) is supported.
type SegmentationSpec struct {
	Type string   `json:"type"`
	Dict DictSpec `json:"dict"`
}

// ConfigSpec is an OpenCC configuration file.
type ConfigSpec struct {
	Name            string            `json:"name"`
	Normalization   []ConversionSpec  `json:"normalization,omitempty"`
	Segmentation    *SegmentationSpec `json:"segmentation,omitempty"`
	ConversionChain []ConversionSpec  `json:"conversion_chain"`
}

// ParseConfig parses an OpenCC JSON configuration.
func ParseConfig(data []byte) (*ConfigSpec, error) {
	var c ConfigSpec
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("parse opencc config: %w", err)
	}
	if len(c.ConversionChain) == 0 {
		return nil, fmt.Errorf("parse opencc config %q: empty conversion_chain", c.Name)
	}
	if c.Segmentation != nil && c.Segmentation.Type != "mmseg" {
		return nil, fmt.Errorf("parse opencc config %q: unsupported segmentation %q", c.Name, c.Segmentation.Type)
	}
	return &c, nil
}

// DictLoader returns the dictionary stored in a configuration's file name.
type DictLoader func(file string) (*Dict, error)

// levels flattens a dictionary spec into priority levels (see matcher).
// A dictionary that may output tofu is left out unless includeTofu.
func (s *DictSpec) levels(load DictLoader, includeTofu bool) ([][]*Dict, error) {
	if s.MayOutputTofu && !includeTofu {
		return nil, nil
	}
	switch s.Type {
	case "group":
		var out [][]*Dict
		for i := range s.Dicts {
			sub, err := s.Dicts[i].levels(load, includeTofu)
			if err != nil {
				return nil, err
			}
			switch s.MatchPolicy {
			case "", "short_circuit":
				out = append(out, sub...)
			case "union":
				if len(sub) > 1 {
					return nil, fmt.Errorf("dictionary group: a union of short_circuit groups is not supported")
				}
				if len(sub) == 1 {
					if len(out) == 0 {
						out = [][]*Dict{nil}
					}
					out[0] = append(out[0], sub[0]...)
				}
			default:
				return nil, fmt.Errorf("dictionary group: unknown match_policy %q", s.MatchPolicy)
			}
		}
		return out, nil
	case "ocd2", "ocd", "text", "txt":
		if s.File == "" {
			return nil, fmt.Errorf("dictionary of type %s without file", s.Type)
		}
		d, err := load(s.File)
		if err != nil {
			return nil, err
		}
		return [][]*Dict{{d}}, nil
	default:
		return nil, fmt.Errorf("unsupported dictionary type %q", s.Type)
	}
}
