/// The JSON Schema (draft 2020-12) of a scenario file, for editors that validate and complete YAML
/// as it is typed, and printed by `ivp schema`. `docs/scenario.schema.json` holds the same text
/// (DocsTests checks that they are equal, and that the schema and the loader agree on valid and
/// invalid files). The loader checks more than a schema can (ids that resolve, shares that sum to 1,
/// capacities that stay positive). A file the loader accepts passes the schema too, except for text
/// that YAML reads as a number or a boolean (`name: 2023`), which the schema wants quoted.
public enum ScenarioSchema {
    /// The schema as JSON text, ending in a newline.
    public static let json = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "ivp scenario",
  "description": "A scenario for ivp: police capacity, safety themes and the promises to keep (YAML or JSON). A file with `extends` is a what-if that gives only what changes. The loader (`ivp validate`) checks more than this schema can: references between ids, shares that sum to 1, capacities that stay positive.",
  "type": "object",
  "properties": {
    "extends": {
      "type": "string",
      "minLength": 1,
      "description": "A what-if: the path (relative to this file) of the scenario it changes. Only what changes is then written."
    },
    "remove": {
      "type": "array",
      "items": {
        "type": "string"
      },
      "description": "A what-if: ids of entries to delete from the scenario it extends."
    },
    "name": {
      "type": "string",
      "description": "The scenario's name, shown in every report. Required (a what-if inherits it)."
    },
    "description": {
      "type": "string",
      "description": "Free text."
    },
    "hours_per_fte": {
      "$ref": "#/$defs/number",
      "description": "Default productive hours per FTE per year, for pools that do not give their own."
    },
    "reserve": {
      "$ref": "#/$defs/number",
      "exclusiveMaximum": 1,
      "description": "Default flexibility reserve of every pool, in [0, 1); default 0."
    },
    "level_weights": {
      "type": "object",
      "properties": {
        "national": {
          "$ref": "#/$defs/number",
          "description": "Weight multiplier of the themes of this level; default 1."
        },
        "regional": {
          "$ref": "#/$defs/number",
          "description": "Weight multiplier of the themes of this level; default 1."
        },
        "district": {
          "$ref": "#/$defs/number",
          "description": "Weight multiplier of the themes of this level; default 1."
        },
        "base_team": {
          "$ref": "#/$defs/number",
          "description": "Weight multiplier of the themes of this level; default 1."
        },
        "local": {
          "$ref": "#/$defs/number",
          "description": "Weight multiplier of the themes of this level; default 1."
        }
      },
      "additionalProperties": false,
      "description": "Weight multiplier per theme level; default 1."
    },
    "returns": {
      "$ref": "#/$defs/returns"
    },
    "units": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/unit"
      },
      "description": "Police units."
    },
    "districts": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/district"
      },
      "description": "Police districts."
    },
    "base_teams": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/base_team"
      },
      "description": "Base teams."
    },
    "municipalities": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/municipality"
      },
      "description": "Municipalities."
    },
    "neighbours": {
      "oneOf": [
        {
          "type": [
            "array",
            "null"
          ],
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/$defs/id",
              "description": "A municipality id."
            },
            "minItems": 2,
            "maxItems": 2,
            "uniqueItems": true
          }
        },
        {
          "const": "borders"
        }
      ],
      "description": "Neighbouring pairs of municipalities for the displacement bounds, or `borders`: the real land borders among the scenario's municipalities (every one needs a cbs_code); when none are given, every two municipalities of one district."
    },
    "pools": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/pool"
      },
      "description": "Capacity pools."
    },
    "presence": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/presence"
      },
      "description": "Presence floors per municipality."
    },
    "themes": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "$ref": "#/$defs/theme"
      },
      "description": "Safety themes."
    },
    "selection": {
      "type": "object",
      "properties": {
        "max_per_municipality": {
          "type": "integer",
          "minimum": 0,
          "maximum": 1000000,
          "description": "Select mode: the most candidate themes chosen in one municipality."
        }
      },
      "additionalProperties": false,
      "description": "Select mode settings."
    },
    "uncertainty": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "type": "object",
        "properties": {
          "parameter": {
            "type": "string",
            "pattern": "^(pools\\.[a-z0-9-]+\\.(fte|hours_per_fte|availability|claimed_hours)|themes\\.[a-z0-9-]+\\.need\\.(per_1000_inhabitants|by_municipality\\.[a-z0-9-]+)|municipalities\\.[a-z0-9-]+\\.population)$",
            "description": "The uncertain number, by the path `ivp sweep --vary` takes: a pool's fte, hours_per_fte, availability or claimed_hours, a theme's need, a municipality's population."
          },
          "distribution": {
            "enum": [
              "uniform",
              "triangular",
              "normal",
              "discrete"
            ],
            "description": "uniform {low, high}, triangular {low, mode, high}, normal {mean, sd} truncated at 0, discrete {values, probabilities}."
          },
          "low": {
            "$ref": "#/$defs/number",
            "description": "uniform and triangular: the least value."
          },
          "high": {
            "$ref": "#/$defs/number",
            "description": "uniform and triangular: the greatest value."
          },
          "mode": {
            "$ref": "#/$defs/number",
            "description": "triangular: the most likely value, low ≤ mode ≤ high."
          },
          "mean": {
            "$ref": "#/$defs/number",
            "description": "normal: the mean before truncation at 0."
          },
          "sd": {
            "$ref": "#/$defs/number",
            "exclusiveMinimum": 0,
            "description": "normal: the standard deviation, above 0."
          },
          "values": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/$defs/number"
            },
            "description": "discrete: the values."
          },
          "probabilities": {
            "type": "array",
            "minItems": 1,
            "items": {
              "$ref": "#/$defs/number",
              "maximum": 1
            },
            "description": "discrete: the probability of each value, summing to 1."
          },
          "group": {
            "$ref": "#/$defs/id",
            "description": "Entries with the same group are drawn together (one quantile)."
          }
        },
        "additionalProperties": false,
        "required": [
          "parameter",
          "distribution"
        ],
        "allOf": [
          {
            "if": {
              "properties": {
                "distribution": {
                  "const": "uniform"
                }
              }
            },
            "then": {
              "required": [
                "low",
                "high"
              ],
              "properties": {
                "mode": false,
                "mean": false,
                "sd": false,
                "values": false,
                "probabilities": false
              }
            }
          },
          {
            "if": {
              "properties": {
                "distribution": {
                  "const": "triangular"
                }
              }
            },
            "then": {
              "required": [
                "low",
                "mode",
                "high"
              ],
              "properties": {
                "mean": false,
                "sd": false,
                "values": false,
                "probabilities": false
              }
            }
          },
          {
            "if": {
              "properties": {
                "distribution": {
                  "const": "normal"
                }
              }
            },
            "then": {
              "required": [
                "mean",
                "sd"
              ],
              "properties": {
                "low": false,
                "high": false,
                "mode": false,
                "values": false,
                "probabilities": false
              }
            }
          },
          {
            "if": {
              "properties": {
                "distribution": {
                  "const": "discrete"
                }
              }
            },
            "then": {
              "required": [
                "values",
                "probabilities"
              ],
              "properties": {
                "low": false,
                "high": false,
                "mode": false,
                "mean": false,
                "sd": false
              }
            }
          }
        ],
        "description": "One uncertain number of a year and its distribution, for `ivp risk`."
      },
      "description": "Uncertain numbers, sampled by `ivp risk`. A what-if that gives this list replaces the base's."
    }
  },
  "additionalProperties": false,
  "if": {
    "required": [
      "extends"
    ]
  },
  "else": {
    "required": [
      "name"
    ],
    "not": {
      "required": [
        "remove"
      ]
    },
    "properties": {
      "pools": {
        "items": {
          "required": [
            "at",
            "kind",
            "fte"
          ],
          "properties": {
            "mutual_aid": {
              "required": [
                "max_share",
                "efficiency"
              ]
            }
          }
        }
      },
      "themes": {
        "items": {
          "required": [
            "level",
            "adopted_by",
            "kinds",
            "need"
          ]
        }
      },
      "selection": {
        "required": [
          "max_per_municipality"
        ]
      }
    },
    "if": {
      "not": {
        "required": [
          "hours_per_fte"
        ]
      }
    },
    "then": {
      "properties": {
        "pools": {
          "items": {
            "required": [
              "hours_per_fte"
            ]
          }
        }
      }
    }
  },
  "$defs": {
    "number": {
      "description": "A finite number, 0 or from 0.000000001 up to 1,000,000,000 (no negative numbers anywhere). Written plain, not quoted.",
      "type": "number",
      "minimum": 0,
      "maximum": 1000000000.0,
      "not": {
        "exclusiveMinimum": 0,
        "exclusiveMaximum": 1e-09
      }
    },
    "id": {
      "type": "string",
      "pattern": "^[a-z0-9-]+$",
      "description": "An id: lowercase letters, digits and '-', unique within the whole scenario."
    },
    "returns": {
      "type": [
        "array",
        "null"
      ],
      "items": {
        "type": "object",
        "properties": {
          "share": {
            "$ref": "#/$defs/number",
            "maximum": 1,
            "description": "The share of the need this segment covers, in [0, 1]."
          },
          "value": {
            "$ref": "#/$defs/number",
            "description": "The value of one effective hour in this segment; never higher than the segment before."
          }
        },
        "additionalProperties": false,
        "required": [
          "share",
          "value"
        ]
      },
      "description": "A diminishing-returns curve: segments in order, their shares summing to 1, their values never increasing.",
      "minItems": 1
    },
    "unit": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "The unit's id."
        },
        "name": {
          "type": "string",
          "description": "Display name; default the id."
        }
      },
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "description": "A police unit (eenheid)."
    },
    "district": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "The district's id."
        },
        "name": {
          "type": "string",
          "description": "Display name; default the id."
        },
        "unit": {
          "$ref": "#/$defs/id",
          "description": "The id of the unit the district belongs to."
        }
      },
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "description": "A police district."
    },
    "base_team": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "The base team's id."
        },
        "name": {
          "type": "string",
          "description": "Display name; default the id."
        },
        "district": {
          "$ref": "#/$defs/id",
          "description": "The id of the district the base team belongs to."
        }
      },
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "description": "A base team (basisteam)."
    },
    "municipality": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "The municipality's id."
        },
        "name": {
          "type": "string",
          "description": "Display name; default the id."
        },
        "base_team": {
          "$ref": "#/$defs/id",
          "description": "The id of the base team that serves the municipality."
        },
        "population": {
          "$ref": "#/$defs/number",
          "description": "Inhabitants; needed when a theme's need or a presence floor is per 1,000 inhabitants."
        },
        "cbs_code": {
          "type": "string",
          "pattern": "^GM[0-9]{4}$",
          "description": "CBS municipal code of 2024 (GM0402): puts the municipality on the map and gives its real land borders; an unknown code is an error."
        }
      },
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "description": "A municipality (gemeente)."
    },
    "pool": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "The pool's id."
        },
        "name": {
          "type": "string",
          "description": "Display name; default the id."
        },
        "at": {
          "$ref": "#/$defs/id",
          "description": "The id of the unit, district, base team or municipality that owns the pool; it serves the municipalities under that node."
        },
        "kind": {
          "type": "string",
          "minLength": 1,
          "description": "The kind of capacity (free text: general, investigation, community, cyber, ...); matched against each theme's kinds."
        },
        "fte": {
          "$ref": "#/$defs/number",
          "description": "Full-time equivalents."
        },
        "hours_per_fte": {
          "$ref": "#/$defs/number",
          "description": "Productive hours per FTE per year; default the file's hours_per_fte."
        },
        "availability": {
          "$ref": "#/$defs/number",
          "maximum": 1,
          "description": "Share deployable after leave, training and sickness, in [0, 1]; default 1."
        },
        "claimed_hours": {
          "$ref": "#/$defs/number",
          "description": "Hours per year tied up outside the plan (e.g. guarding duties); default 0."
        },
        "reserve": {
          "$ref": "#/$defs/number",
          "exclusiveMaximum": 1,
          "description": "Flexibility reserve kept free, in [0, 1); default the file's reserve."
        },
        "mutual_aid": {
          "type": "object",
          "properties": {
            "max_share": {
              "$ref": "#/$defs/number",
              "maximum": 1,
              "description": "The most of the pool's capacity that may go to the sibling nodes, in [0, 1]."
            },
            "efficiency": {
              "$ref": "#/$defs/number",
              "description": "Efficiency of an hour spent away from home (multiplies the theme's efficiency)."
            }
          },
          "additionalProperties": false,
          "description": "The pool may lend hours to the municipalities under its node's parent but not under its node."
        },
        "limits": {
          "type": [
            "array",
            "null"
          ],
          "items": {
            "type": "object",
            "properties": {
              "themes": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/id",
                  "description": "A theme id."
                },
                "minItems": 1,
                "description": "The themes the cap is on."
              },
              "max_share": {
                "$ref": "#/$defs/number",
                "description": "The most of the pool's capacity these themes together may take."
              }
            },
            "additionalProperties": false,
            "required": [
              "themes",
              "max_share"
            ]
          },
          "description": "Caps on the share of the pool's capacity that some themes may take."
        }
      },
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "description": "A block of capacity of one kind owned by one node."
    },
    "presence": {
      "type": "object",
      "properties": {
        "kind": {
          "type": "string",
          "description": "The kind of capacity the floor is for."
        },
        "hours_per_1000_inhabitants": {
          "$ref": "#/$defs/number",
          "description": "Hours of that kind every municipality with a population gets at least, per 1,000 inhabitants."
        }
      },
      "additionalProperties": false,
      "required": [
        "kind",
        "hours_per_1000_inhabitants"
      ],
      "description": "A floor on the raw hours of one kind in every municipality."
    },
    "need": {
      "type": "object",
      "additionalProperties": false,
      "description": "Hours per year that would fully address the theme in each municipality: per 1,000 inhabitants or per municipality (one of the two).",
      "properties": {
        "per_1000_inhabitants": {
          "$ref": "#/$defs/number",
          "description": "Hours per 1,000 inhabitants in every municipality the theme applies to."
        },
        "by_municipality": {
          "type": "object",
          "propertyNames": {
            "$ref": "#/$defs/id"
          },
          "additionalProperties": {
            "$ref": "#/$defs/number"
          },
          "description": "Hours per municipality id; municipalities not listed need nothing."
        }
      },
      "oneOf": [
        {
          "required": [
            "per_1000_inhabitants"
          ]
        },
        {
          "required": [
            "by_municipality"
          ]
        }
      ]
    },
    "theme": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "The theme's id."
        },
        "name": {
          "type": "string",
          "description": "Display name; default the id."
        },
        "level": {
          "enum": [
            "national",
            "regional",
            "district",
            "base_team",
            "local"
          ],
          "description": "The level at which the theme was adopted; lexicographic mode ranks the levels in this order."
        },
        "adopted_by": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/id",
            "description": "A unit, district, base team or municipality id."
          },
          "minItems": 1,
          "description": "The nodes that adopted the theme; it applies to every municipality under them."
        },
        "kinds": {
          "type": "object",
          "minProperties": 1,
          "additionalProperties": {
            "$ref": "#/$defs/number"
          },
          "description": "The kinds of capacity that can work on the theme, each with its efficiency."
        },
        "weight": {
          "$ref": "#/$defs/number",
          "description": "The value of one effective hour; default 1."
        },
        "joint_efficiency": {
          "$ref": "#/$defs/number",
          "description": "Multiplier of the efficiency of pools owned by a district or unit; default 1."
        },
        "need": {
          "$ref": "#/$defs/need"
        },
        "severity": {
          "type": "object",
          "propertyNames": {
            "$ref": "#/$defs/id"
          },
          "additionalProperties": {
            "$ref": "#/$defs/number"
          },
          "description": "Weight multiplier per municipality id; default 1."
        },
        "minimum": {
          "$ref": "#/$defs/number",
          "maximum": 1,
          "description": "Coverage floor as a share of the need, in [0, 1]; default 0."
        },
        "core": {
          "type": "boolean",
          "description": "A core police task (kerntaak): first in lexicographic mode; default false."
        },
        "max_gap": {
          "$ref": "#/$defs/number",
          "description": "Displacement bound: the most the coverage shares of two neighbouring municipalities may differ."
        },
        "returns": {
          "$ref": "#/$defs/returns"
        },
        "candidate": {
          "type": "boolean",
          "description": "Select mode: the theme may be chosen or dropped per municipality; default false."
        },
        "min_effort": {
          "$ref": "#/$defs/number",
          "maximum": 1,
          "description": "Select mode: the share of the need a chosen candidate gets at least, in [0, 1]; default 0."
        }
      },
      "additionalProperties": false,
      "required": [
        "id"
      ],
      "description": "A safety theme (prioriteit)."
    }
  }
}

"""#
}
