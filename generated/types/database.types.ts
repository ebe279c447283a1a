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
      agent_messages: {
        Row: {
          content: NonNullable<Json>
          created_at: string
          execution_id: number
          from_agent: string | null
          id: number
          to_agent: string | null
        }
        Insert: {
          content: NonNullable<Json>
          created_at?: string
          execution_id: number
          from_agent?: string | null
          id?: never
          to_agent?: string | null
        }
        Update: {
          content?: NonNullable<Json>
          created_at?: string
          execution_id?: number
          from_agent?: string | null
          id?: never
          to_agent?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "agent_messages_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "workflow_executions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "agent_messages_from_agent_fkey"
            columns: ["from_agent"]
            isOneToOne: false
            referencedRelation: "agents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "agent_messages_to_agent_fkey"
            columns: ["to_agent"]
            isOneToOne: false
            referencedRelation: "agents"
            referencedColumns: ["id"]
          },
        ]
      }
      agents: {
        Row: {
          created_at: string
          id: string
          is_active: boolean
          model: string
          name: string
          system_prompt: string | null
          temperature: number
          tenant_id: string
          tools: NonNullable<Json>
        }
        Insert: {
          created_at?: string
          id?: string
          is_active?: boolean
          model?: string
          name: string
          system_prompt?: string | null
          temperature?: number
          tenant_id: string
          tools?: NonNullable<Json>
        }
        Update: {
          created_at?: string
          id?: string
          is_active?: boolean
          model?: string
          name?: string
          system_prompt?: string | null
          temperature?: number
          tenant_id?: string
          tools?: NonNullable<Json>
        }
        Relationships: [
          {
            foreignKeyName: "agents_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      conversations: {
        Row: {
          created_at: string
          id: number
          metadata: Json | null
          status: Database["public"]["Enums"]["conversation_status"]
          tags: string[]
          tenant_id: string
          title: string | null
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          id?: never
          metadata?: Json | null
          status?: Database["public"]["Enums"]["conversation_status"]
          tags?: string[]
          tenant_id: string
          title?: string | null
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          id?: never
          metadata?: Json | null
          status?: Database["public"]["Enums"]["conversation_status"]
          tags?: string[]
          tenant_id?: string
          title?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversations_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversations_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      feedback: {
        Row: {
          comment: string | null
          created_at: string
          id: number
          message_id: number
          rating: number
          user_id: string
        }
        Insert: {
          comment?: string | null
          created_at?: string
          id?: number
          message_id: number
          rating: number
          user_id: string
        }
        Update: {
          comment?: string | null
          created_at?: string
          id?: number
          message_id?: number
          rating?: number
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "feedback_message_id_fkey"
            columns: ["message_id"]
            isOneToOne: false
            referencedRelation: "messages"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "feedback_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      knowledge_chunks: {
        Row: {
          chunk_index: number
          content: string
          embedding: string
          id: number
          metadata: NonNullable<Json>
          source_id: string
        }
        Insert: {
          chunk_index: number
          content: string
          embedding: string
          id?: never
          metadata?: NonNullable<Json>
          source_id: string
        }
        Update: {
          chunk_index?: number
          content?: string
          embedding?: string
          id?: never
          metadata?: NonNullable<Json>
          source_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "knowledge_chunks_source_id_fkey"
            columns: ["source_id"]
            isOneToOne: false
            referencedRelation: "knowledge_sources"
            referencedColumns: ["id"]
          },
        ]
      }
      knowledge_sources: {
        Row: {
          created_at: string
          id: string
          kind: string
          name: string
          tenant_id: string
          uri: string
        }
        Insert: {
          created_at?: string
          id?: string
          kind: string
          name: string
          tenant_id: string
          uri: string
        }
        Update: {
          created_at?: string
          id?: string
          kind?: string
          name?: string
          tenant_id?: string
          uri?: string
        }
        Relationships: [
          {
            foreignKeyName: "knowledge_sources_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      leads: {
        Row: {
          company: string | null
          created_at: string
          email: string
          id: number
          name: string | null
          owner_id: string | null
          score: number
          source: string | null
          stage: Database["public"]["Enums"]["lead_stage"]
          tenant_id: string
        }
        Insert: {
          company?: string | null
          created_at?: string
          email: string
          id?: never
          name?: string | null
          owner_id?: string | null
          score?: number
          source?: string | null
          stage?: Database["public"]["Enums"]["lead_stage"]
          tenant_id: string
        }
        Update: {
          company?: string | null
          created_at?: string
          email?: string
          id?: never
          name?: string | null
          owner_id?: string | null
          score?: number
          source?: string | null
          stage?: Database["public"]["Enums"]["lead_stage"]
          tenant_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "leads_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "leads_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      messages: {
        Row: {
          content: string
          conversation_id: number
          created_at: string
          embedding: string | null
          id: number
          role: Database["public"]["Enums"]["message_role"]
          search: unknown
          token_count: number | null
        }
        Insert: {
          content: string
          conversation_id: number
          created_at?: string
          embedding?: string | null
          id?: never
          role: Database["public"]["Enums"]["message_role"]
          search?: never
          token_count?: number | null
        }
        Update: {
          content?: string
          conversation_id?: number
          created_at?: string
          embedding?: string | null
          id?: never
          role?: Database["public"]["Enums"]["message_role"]
          search?: never
          token_count?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "messages_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversation_overview"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "messages_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
        ]
      }
      shared_memory: {
        Row: {
          expires_at: string | null
          id: number
          key: string
          tenant_id: string
          value: NonNullable<Json>
        }
        Insert: {
          expires_at?: string | null
          id?: never
          key: string
          tenant_id: string
          value: NonNullable<Json>
        }
        Update: {
          expires_at?: string | null
          id?: never
          key?: string
          tenant_id?: string
          value?: NonNullable<Json>
        }
        Relationships: [
          {
            foreignKeyName: "shared_memory_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      tenants: {
        Row: {
          created_at: string
          id: string
          name: string
          plan: string
          settings: NonNullable<Json>
          slug: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          name: string
          plan?: string
          settings?: NonNullable<Json>
          slug: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string
          plan?: string
          settings?: NonNullable<Json>
          slug?: string
          updated_at?: string
        }
        Relationships: []
      }
      usage_metrics: {
        Row: {
          cost_usd: number
          day: string
          model: string
          requests: number
          tenant_id: string
          usage: Database["public"]["CompositeTypes"]["token_usage"] | null
        }
        Insert: {
          cost_usd?: number
          day: string
          model: string
          requests?: number
          tenant_id: string
          usage?: Database["public"]["CompositeTypes"]["token_usage"] | null
        }
        Update: {
          cost_usd?: number
          day?: string
          model?: string
          requests?: number
          tenant_id?: string
          usage?: Database["public"]["CompositeTypes"]["token_usage"] | null
        }
        Relationships: [
          {
            foreignKeyName: "usage_metrics_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      users: {
        Row: {
          avatar_url: string | null
          created_at: string
          display_name: string | null
          email: string
          id: string
          role: Database["public"]["Enums"]["user_role"]
          tenant_id: string
          updated_at: string
        }
        Insert: {
          avatar_url?: string | null
          created_at?: string
          display_name?: string | null
          email: string
          id: string
          role?: Database["public"]["Enums"]["user_role"]
          tenant_id: string
          updated_at?: string
        }
        Update: {
          avatar_url?: string | null
          created_at?: string
          display_name?: string | null
          email?: string
          id?: string
          role?: Database["public"]["Enums"]["user_role"]
          tenant_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "users_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      workflow_executions: {
        Row: {
          duration_ms: number | null
          error: string | null
          finished_at: string | null
          id: number
          input: Json | null
          output: Json | null
          started_at: string | null
          status: Database["public"]["Enums"]["execution_status"]
          workflow_id: string
        }
        Insert: {
          duration_ms?: never
          error?: string | null
          finished_at?: string | null
          id?: never
          input?: Json | null
          output?: Json | null
          started_at?: string | null
          status?: Database["public"]["Enums"]["execution_status"]
          workflow_id: string
        }
        Update: {
          duration_ms?: never
          error?: string | null
          finished_at?: string | null
          id?: never
          input?: Json | null
          output?: Json | null
          started_at?: string | null
          status?: Database["public"]["Enums"]["execution_status"]
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "workflow_executions_workflow_id_fkey"
            columns: ["workflow_id"]
            isOneToOne: false
            referencedRelation: "workflows"
            referencedColumns: ["id"]
          },
        ]
      }
      workflows: {
        Row: {
          agent_id: string | null
          created_at: string
          definition: NonNullable<Json>
          id: string
          name: string
          slug: string
          status: Database["public"]["Enums"]["workflow_status"]
          tenant_id: string
          updated_at: string
          version: number
        }
        Insert: {
          agent_id?: string | null
          created_at?: string
          definition: NonNullable<Json>
          id?: string
          name: string
          slug: string
          status?: Database["public"]["Enums"]["workflow_status"]
          tenant_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          agent_id?: string | null
          created_at?: string
          definition?: NonNullable<Json>
          id?: string
          name?: string
          slug?: string
          status?: Database["public"]["Enums"]["workflow_status"]
          tenant_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "workflows_agent_id_fkey"
            columns: ["agent_id"]
            isOneToOne: false
            referencedRelation: "agents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "workflows_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      conversation_overview: {
        Row: {
          created_at: string | null
          id: number | null
          last_message_at: string | null
          message_count: number | null
          status: Database["public"]["Enums"]["conversation_status"] | null
          tenant_id: string | null
          title: string | null
          user_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "conversations_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversations_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "users"
            referencedColumns: ["id"]
          },
        ]
      }
      daily_usage: {
        Row: {
          cost_usd: number | null
          day: string | null
          requests: number | null
          tenant_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "usage_metrics_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Functions: {
      conversation_message_count: {
        Args: { conversation_id: number }
        Returns: number
      }
      current_tenant_id: { Args: Record<PropertyKey, never>; Returns: string }
      match_knowledge_chunks: {
        Args: {
          match_count?: number
          min_similarity?: number
          query_embedding: string
        }
        Returns: {
          content: string
          id: number
          similarity: number
          source_id: string
        }[]
      }
      plan_stats: { Args: { p_plan: string }; Returns: Record<string, unknown> }
      tenant_by_slug: {
        Args: { include_archived?: boolean; p_slug: string }
        Returns: {
          created_at: string
          id: string
          name: string
          plan: string
          settings: NonNullable<Json>
          slug: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "tenants"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      tenant_count:
        | { Args: Record<PropertyKey, never>; Returns: number }
        | { Args: { p_plan: string }; Returns: number }
      tenants_with_slugs: {
        Args: { slugs: string[] }
        Returns: {
          created_at: string
          id: string
          name: string
          plan: string
          settings: NonNullable<Json>
          slug: string
          updated_at: string
        }[]
        SetofOptions: {
          from: "*"
          to: "tenants"
          isOneToOne: false
          isSetofReturn: true
        }
      }
    }
    Enums: {
      conversation_status: "active" | "archived"
      execution_status: "queued" | "running" | "succeeded" | "failed"
      lead_stage:
        | "new"
        | "contacted"
        | "nurturing"
        | "qualified"
        | "won"
        | "lost"
      message_role: "system" | "user" | "assistant" | "tool"
      user_role: "owner" | "admin" | "member" | "viewer"
      workflow_status: "draft" | "active" | "paused" | "archived"
    }
    CompositeTypes: {
      token_usage: {
        prompt_tokens: number | null
        completion_tokens: number | null
        model: string | null
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
    Enums: {
      conversation_status: ["active", "archived"],
      execution_status: ["queued", "running", "succeeded", "failed"],
      lead_stage: ["new", "contacted", "nurturing", "qualified", "won", "lost"],
      message_role: ["system", "user", "assistant", "tool"],
      user_role: ["owner", "admin", "member", "viewer"],
      workflow_status: ["draft", "active", "paused", "archived"],
    },
  },
} as const
