export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      todos: {
        Row: {
          done: boolean | null
          id: number
          title: string
          lonely: number | null
          title_upper: string | null
          todo_children: {
            done: boolean | null
            id: number
            title: string
          } | null
        }
        Insert: {
          done?: boolean | null
          id: number
          title: string
        }
        Update: {
          done?: boolean | null
          id?: number
          title?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      anything: { Args: { x: number }; Returns: Record<string, unknown> }
      arr_args: {
        Args: { ids: number[]; labels?: string[] }
        Returns: number[]
      }
      as_table: {
        Args: { q: string }
        Returns: {
          id: number
          score: number
          title: string
        }[]
      }
      clash:
        | {
            Args: { v: number }
            Returns: {
              error: true
            } & "Could not choose the best candidate function between: public.clash(v => int4), public.clash(v => text). Try renaming the parameters or the function itself in the database so function overloading can be resolved"
          }
        | {
            Args: { v: string }
            Returns: {
              error: true
            } & "Could not choose the best candidate function between: public.clash(v => int4), public.clash(v => text). Try renaming the parameters or the function itself in the database so function overloading can be resolved"
          }
      defaulted:
        | {
            Args: Record<PropertyKey, never>
            Returns: {
              error: true
            } & "Could not choose the best candidate function between: public.defaulted(), public.defaulted( => int4). Try renaming the parameters or the function itself in the database so function overloading can be resolved"
          }
        | { Args: { ""?: string }; Returns: number }
      lonely: {
        Args: { "": Database["public"]["Tables"]["todos"]["Row"] }
        Returns: {
          error: true
        } & "the function public.lonely with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      many: { Args: { nums: number[] }; Returns: number }
      named: { Args: { a: number; b?: string }; Returns: string }
      no_args: { Args: Record<PropertyKey, never>; Returns: number }
      nothing: { Args: { x: number }; Returns: undefined }
      one_todo: {
        Args: { todo_id: number }
        Returns: {
          done: boolean | null
          id: number
          title: string
        }
        SetofOptions: {
          from: "*"
          to: "todos"
          isOneToOne: true
          isSetofReturn: true
        }
      }
      overloaded:
        | { Args: { a: number }; Returns: number }
        | { Args: { a: number; b: number }; Returns: number }
        | {
            Args: {
              another_long_argument: string
              long_argument_name_here: string
              name: string
            }
            Returns: string
          }
      scalar_set: { Args: { n: number }; Returns: number[] }
      stats: {
        Args: Record<PropertyKey, never>
        Returns: Database["public"]["CompositeTypes"]["summary"]
        SetofOptions: {
          from: "*"
          to: "summary"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      title_upper: {
        Args: { "": Database["public"]["Tables"]["todos"]["Row"] }
        Returns: {
          error: true
        } & "the function public.title_upper with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      todo_children: {
        Args: { "": Database["public"]["Tables"]["todos"]["Row"] }
        Returns: {
          done: boolean | null
          id: number
          title: string
        }[]
        SetofOptions: {
          from: "todos"
          to: "todos"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      todo_row: {
        Args: { todo_id: number }
        Returns: {
          done: boolean | null
          id: number
          title: string
        }
        SetofOptions: {
          from: "*"
          to: "todos"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      todo_rows: {
        Args: { done_only: boolean }
        Returns: {
          done: boolean | null
          id: number
          title: string
        }[]
        SetofOptions: {
          from: "*"
          to: "todos"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      unnamed_json: { Args: { "": Json }; Returns: Json }
      unnamed_text: { Args: { "": string }; Returns: string }
      with_out: { Args: { x: number }; Returns: Record<string, unknown> }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      summary: {
        total: number | null
        done: number | null
      }
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const
